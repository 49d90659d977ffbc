"""`echo`: replies "echo: <last human message>", streamed token by token by a fake chat model.

Input: `{"messages": [{"role": "user", "content": "stream me please"}]}`.
The fake model splits its reply on whitespace, so `messages-tuple` yields 7 chunks for
"echo: stream me please" ("echo:", " ", "stream", " ", "me", " ", "please").
"""

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AnyMessage
from langgraph.graph import START, MessagesState, StateGraph


def _last_human_text(messages: list[AnyMessage]) -> str:
    for message in reversed(messages):
        if message.type == "human":
            content = message.content
            return content if isinstance(content, str) else message.text
    return ""


async def respond(state: MessagesState) -> dict:
    reply = f"echo: {_last_human_text(state['messages'])}"
    # A fresh model per call: its iterator of replies is consumed by one invocation.
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    return {"messages": [await model.ainvoke(state["messages"])]}


builder = StateGraph(MessagesState)
builder.add_node("respond", respond)
builder.add_edge(START, "respond")
graph = builder.compile()

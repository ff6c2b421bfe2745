"""LangChain variant used by the evaluation notebook and the batch backfill."""
from langchain_aws import ChatBedrockConverse
from langchain_aws.retrievers import AmazonKnowledgeBasesRetriever
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate


def build_chain(kb_id: str):
    retriever = AmazonKnowledgeBasesRetriever(
        knowledge_base_id=kb_id,
        retrieval_config={"vectorSearchConfiguration": {"numberOfResults": 4}},
    )
    llm = ChatBedrockConverse(model="anthropic.claude-3-5-sonnet-20240620-v1:0", temperature=0)
    prompt = ChatPromptTemplate.from_messages(
        [("system", "Answer from the context only.\n\n{context}"), ("human", "{question}")]
    )
    return {"context": retriever, "question": lambda x: x} | prompt | llm | StrOutputParser()

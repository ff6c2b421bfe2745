module example.com/summarizer

go 1.22

require (
	github.com/aws/aws-sdk-go-v2 v1.30.0
	github.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.20.0
	// github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai v0.7.1
)

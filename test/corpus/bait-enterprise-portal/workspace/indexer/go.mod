module example.com/portal/indexer

go 1.23

require (
	github.com/aws/aws-sdk-go-v2/config v1.28.6
	github.com/aws/aws-sdk-go-v2/service/opensearch v1.45.1
	github.com/aws/aws-sdk-go-v2/service/s3 v1.71.0
	// github.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.23.0
)

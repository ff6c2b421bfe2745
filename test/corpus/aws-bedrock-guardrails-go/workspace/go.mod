module github.com/acme/moderator

go 1.23

require (
	github.com/aws/aws-sdk-go-v2 v1.32.6
	github.com/aws/aws-sdk-go-v2/config v1.28.6
	github.com/aws/aws-sdk-go-v2/service/bedrockruntime v1.23.0
	github.com/aws/aws-sdk-go-v2/service/sqs v1.37.2
	github.com/prometheus/client_golang v1.20.5
)

require (
	github.com/aws/aws-sdk-go-v2/credentials v1.17.47 // indirect
	github.com/aws/smithy-go v1.22.1 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
)

package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	client := bedrockruntime.NewFromConfig(cfg)
	fmt.Println(client != nil, os.Getenv("BEDROCK_MODEL_ID"))
}

package main

import (
	"context"
	"log"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// vertexCount is the number of nodes in the link graph; nothing to do with Vertex AI.
var vertexCount = 0

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	s3c := s3.NewFromConfig(cfg)
	osc := opensearch.NewFromConfig(cfg)
	out, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws(os.Getenv("ARCHIVE_BUCKET"))})
	if err != nil {
		log.Fatal(err)
	}
	vertexCount = len(out.Contents)
	domains, err := osc.ListDomainNames(ctx, &opensearch.ListDomainNamesInput{})
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d pages, %d search domains", vertexCount, len(domains.DomainNames))
	// client := bedrockruntime.NewFromConfig(cfg) // evaluated in ADR-014, not adopted
}

func aws(s string) *string { return &s }

package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/acme/moderator/internal/llm"
)

func consume(ctx context.Context, client *llm.Client, queueURL string) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		slog.Error("aws config", "err", err)
		return
	}
	q := sqs.NewFromConfig(cfg)
	for ctx.Err() == nil {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), MaxNumberOfMessages: 10, WaitTimeSeconds: 20})
		if err != nil {
			slog.Warn("receive", "err", err)
			continue
		}
		for _, m := range out.Messages {
			verdict, err := client.Classify(ctx, aws.ToString(m.Body))
			if errors.Is(err, llm.ErrBlocked) {
				verdict = "REVIEW guardrail"
			} else if err != nil {
				slog.Warn("classify", "err", err)
				continue
			}
			slog.Info("verdict", "id", aws.ToString(m.MessageId), "verdict", verdict)
			_, _ = q.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(queueURL), ReceiptHandle: m.ReceiptHandle})
		}
	}
}

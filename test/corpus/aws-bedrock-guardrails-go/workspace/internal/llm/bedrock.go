// Package llm wraps the Converse API with the guardrail the trust-and-safety team maintains.
package llm

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
)

// DefaultModel is used when BEDROCK_MODEL_ID is not set.
const DefaultModel = "anthropic.claude-3-haiku-20240307-v1:0"

type Client struct {
	rt         *bedrockruntime.Client
	model      string
	guardrail  string
	guardrailV string
}

func New(ctx context.Context, model, guardrailID, guardrailVersion string) (*Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("aws config: %w", err)
	}
	if model == "" {
		model = DefaultModel
	}
	return &Client{rt: bedrockruntime.NewFromConfig(cfg), model: model, guardrail: guardrailID, guardrailV: guardrailVersion}, nil
}

var ErrBlocked = errors.New("blocked by guardrail")

// Classify asks the model whether a user post breaks the community rules.
func (c *Client) Classify(ctx context.Context, post string) (string, error) {
	out, err := c.rt.Converse(ctx, &bedrockruntime.ConverseInput{
		ModelId: aws.String(c.model),
		System:  []types.SystemContentBlock{&types.SystemContentBlockMemberText{Value: "Reply with ALLOW or REVIEW and one short reason."}},
		Messages: []types.Message{{
			Role:    types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: post}},
		}},
		GuardrailConfig: &types.GuardrailConfiguration{
			GuardrailIdentifier: aws.String(c.guardrail),
			GuardrailVersion:    aws.String(c.guardrailV),
		},
	})
	if err != nil {
		return "", err
	}
	if out.StopReason == types.StopReasonGuardrailIntervened {
		return "", ErrBlocked
	}
	msg, ok := out.Output.(*types.ConverseOutputMemberMessage)
	if !ok || len(msg.Value.Content) == 0 {
		return "", errors.New("empty answer")
	}
	text, _ := msg.Value.Content[0].(*types.ContentBlockMemberText)
	return text.Value, nil
}

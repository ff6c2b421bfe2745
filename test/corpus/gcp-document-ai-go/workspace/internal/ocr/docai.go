// Package ocr turns receipt images into structured expenses with the expense parser.
package ocr

import (
	"context"
	"fmt"
	"strconv"

	documentai "cloud.google.com/go/documentai/apiv1"
	"cloud.google.com/go/documentai/apiv1/documentaipb"
	"google.golang.org/api/option"
)

type Expense struct {
	Merchant string
	Total    float64
	Currency string
	Date     string
}

type Parser struct {
	client    *documentai.DocumentProcessorClient
	processor string
}

// NewParser connects to the regional endpoint of the processor's location.
func NewParser(ctx context.Context, project, location, processorID string) (*Parser, error) {
	endpoint := fmt.Sprintf("%s-documentai.googleapis.com:443", location)
	c, err := documentai.NewDocumentProcessorClient(ctx, option.WithEndpoint(endpoint))
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("projects/%s/locations/%s/processors/%s", project, location, processorID)
	return &Parser{client: c, processor: name}, nil
}

func (p *Parser) Close() error { return p.client.Close() }

func (p *Parser) Parse(ctx context.Context, image []byte, mime string) (*Expense, error) {
	resp, err := p.client.ProcessDocument(ctx, &documentaipb.ProcessRequest{
		Name:   p.processor,
		Source: &documentaipb.ProcessRequest_RawDocument{RawDocument: &documentaipb.RawDocument{Content: image, MimeType: mime}},
	})
	if err != nil {
		return nil, fmt.Errorf("process: %w", err)
	}
	e := &Expense{}
	for _, ent := range resp.GetDocument().GetEntities() {
		switch ent.GetType() {
		case "supplier_name":
			e.Merchant = ent.GetMentionText()
		case "total_amount":
			e.Total, _ = strconv.ParseFloat(ent.GetNormalizedValue().GetText(), 64)
		case "currency":
			e.Currency = ent.GetMentionText()
		case "receipt_date":
			e.Date = ent.GetNormalizedValue().GetText()
		}
	}
	return e, nil
}

package ocr

import (
	"context"

	"cloud.google.com/go/translate"
	"golang.org/x/text/language"
)

// MerchantInEnglish translates foreign merchant names for the finance team's reports.
func MerchantInEnglish(ctx context.Context, name string) (string, error) {
	c, err := translate.NewClient(ctx)
	if err != nil {
		return "", err
	}
	defer c.Close()
	out, err := c.Translate(ctx, []string{name}, language.English, nil)
	if err != nil || len(out) == 0 {
		return name, err
	}
	return out[0].Text, nil
}

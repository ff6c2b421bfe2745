package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"

	"github.com/acme/moderator/internal/llm"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	client, err := llm.New(ctx,
		os.Getenv("BEDROCK_MODEL_ID"),
		os.Getenv("BEDROCK_GUARDRAIL_ID"),
		os.Getenv("BEDROCK_GUARDRAIL_VERSION"),
	)
	if err != nil {
		slog.Error("startup", "err", err)
		os.Exit(1)
	}
	queue := os.Getenv("POSTS_QUEUE_URL")
	go consume(ctx, client, queue)

	http.Handle("/metrics", promhttp.Handler())
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	srv := &http.Server{Addr: ":8080"}
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		slog.Error("http", "err", err)
	}
}

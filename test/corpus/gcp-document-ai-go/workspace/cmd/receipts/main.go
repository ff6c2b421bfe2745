package main

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"

	"cloud.google.com/go/firestore"

	"example.com/receipts/internal/ocr"
)

func main() {
	ctx := context.Background()
	project := os.Getenv("GOOGLE_CLOUD_PROJECT")
	parser, err := ocr.NewParser(ctx, project, os.Getenv("DOCUMENTAI_LOCATION"), os.Getenv("DOCUMENTAI_PROCESSOR_ID"))
	if err != nil {
		log.Fatal(err)
	}
	defer parser.Close()
	db, err := firestore.NewClient(ctx, project)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	http.HandleFunc("/receipts", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		exp, err := parser.Parse(r.Context(), body, r.Header.Get("Content-Type"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if _, _, err := db.Collection("expenses").Add(r.Context(), exp); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(exp)
	})
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), nil))
}

package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"
)

func main() {
	ctx := context.Background()
	project := os.Getenv("GOOGLE_CLOUD_PROJECT")
	fs, err := firestore.NewClient(ctx, project)
	if err != nil {
		log.Fatal(err)
	}
	gcs, err := storage.NewClient(ctx)
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/export", func(w http.ResponseWriter, r *http.Request) {
		obj := gcs.Bucket(os.Getenv("EXPORT_BUCKET")).Object("tenants.csv").NewWriter(r.Context())
		it := fs.Collection("tenants").Documents(r.Context())
		for {
			doc, err := it.Next()
			if err == iterator.Done {
				break
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			fmt.Fprintf(obj, "%s,%v\n", doc.Ref.ID, doc.Data()["plan"])
		}
		if err := obj.Close(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

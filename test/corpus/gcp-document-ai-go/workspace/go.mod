module example.com/receipts

go 1.23

require (
	cloud.google.com/go/documentai v1.35.0
	cloud.google.com/go/firestore v1.17.0
	cloud.google.com/go/storage v1.47.0
	cloud.google.com/go/translate v1.12.2
	google.golang.org/api v0.210.0
)

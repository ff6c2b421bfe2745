module example.com/exporter

go 1.23

require (
	cloud.google.com/go/firestore v1.17.0
	cloud.google.com/go/storage v1.47.0
	google.golang.org/api v0.210.0
)

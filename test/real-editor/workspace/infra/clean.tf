# Fixture for the real-editor tests: no AI service here, so no findings.
resource "aws_s3_bucket" "docs" {
  bucket = "fixture-docs"
}

"""Feature building from the sales export (runs anywhere: pandas and S3 only)."""
import io

import boto3
import pandas as pd

s3 = boto3.client("s3")


def build(bucket: str, export_key: str) -> None:
    raw = s3.get_object(Bucket=bucket, Key=export_key)["Body"].read()
    sales = pd.read_csv(io.BytesIO(raw), parse_dates=["day"])
    sales["dow"] = sales["day"].dt.dayofweek
    sales["week"] = sales["day"].dt.isocalendar().week.astype(int)
    sales["lag_7"] = sales.groupby("sku")["units"].shift(7)
    sales = sales.dropna()
    cut = sales["day"].quantile(0.85)
    for name, part in (("train", sales[sales["day"] <= cut]), ("validation", sales[sales["day"] > cut])):
        buf = io.StringIO()
        part[["units", "dow", "week", "lag_7"]].to_csv(buf, header=False, index=False)
        s3.put_object(Bucket=bucket, Key=f"features/{name}/part-0.csv", Body=buf.getvalue())

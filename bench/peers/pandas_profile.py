#!/usr/bin/python3
"""The prototype's data_analysis.py, done with pandas, as a peer for `storepulse profile`.

Run with Debian's interpreter (/usr/bin/python3), which sees python3-pandas.
  pandas_profile.py FILE            read, clean and profile (what storepulse profile does)
  pandas_profile.py --read-only FILE  read_csv alone
"""
import sys

import pandas as pd


def main() -> None:
    read_only = sys.argv[1] == "--read-only"
    path = sys.argv[-1]
    df = pd.read_csv(path, encoding="ISO-8859-1", dtype={"InvoiceNo": str, "StockCode": str})
    if read_only:
        print(len(df))
        return
    nulls = df.isnull().sum()
    duplicates = int(df.duplicated().sum())
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M")
    clean = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0) & df["CustomerID"].notna()].copy()
    clean["Revenue"] = clean["Quantity"] * clean["UnitPrice"]
    summary = {
        "rows_read": len(df),
        "rows_clean": len(clean),
        "nulls": nulls.to_dict(),
        "duplicate_rows": duplicates,
        "duplicate_clean_rows": int(clean.duplicated().sum()),
        "date_min": str(clean["InvoiceDate"].min()),
        "date_max": str(clean["InvoiceDate"].max()),
        "invoices": clean["InvoiceNo"].nunique(),
        "customers": clean["CustomerID"].nunique(),
        "products": clean["StockCode"].nunique(),
        "countries": clean["Country"].nunique(),
        "revenue": round(float(clean["Revenue"].sum()), 2),
        "quantity": clean["Quantity"].quantile([0.5, 0.95, 0.99]).tolist(),
        "unit_price": clean["UnitPrice"].quantile([0.5, 0.95, 0.99]).tolist(),
        "top_countries": clean.groupby("Country")["Revenue"].sum().nlargest(10).to_dict(),
        "top_products": clean.groupby("StockCode")["Revenue"].sum().nlargest(10).to_dict(),
    }
    print(summary)


if __name__ == "__main__":
    main()

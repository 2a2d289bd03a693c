#!/usr/bin/python3
"""The prototype's daily_processor.py, done with pandas, as a peer for `storepulse batch`.

Reads the CSV, cleans it the prototype's way, computes the daily metrics of every date,
the weekly trend of the last 7 days and the customer tiers, and prints a summary.
Run with Debian's interpreter (/usr/bin/python3), which sees python3-pandas.
"""
import sys

import pandas as pd


def main() -> None:
    df = pd.read_csv(sys.argv[1], encoding="ISO-8859-1", dtype={"InvoiceNo": str, "StockCode": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M")
    df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0) & df["CustomerID"].notna()].copy()
    df["Revenue"] = df["Quantity"] * df["UnitPrice"]
    df["Date"] = df["InvoiceDate"].dt.date
    df["Hour"] = df["InvoiceDate"].dt.hour

    daily = df.groupby("Date").agg(
        revenue=("Revenue", "sum"),
        orders=("InvoiceNo", "nunique"),
        lines=("InvoiceNo", "size"),
        customers=("CustomerID", "nunique"),
        products=("StockCode", "nunique"),
        quantity=("Quantity", "sum"),
        countries=("Country", "nunique"),
    )
    daily["average_order_value"] = daily["revenue"] / daily["orders"]
    peak = df.groupby(["Date", "Hour"])["Revenue"].sum().groupby(level=0).idxmax()

    last = df["Date"].max()
    week = daily.loc[daily.index[-7:]]
    growth = (week["revenue"].iloc[-1] / week["revenue"].iloc[0] - 1) * 100

    per_customer = df.groupby("CustomerID").agg(revenue=("Revenue", "sum"),
                                                orders=("InvoiceNo", "nunique"))
    per_customer["revenue"] = per_customer["revenue"].round(2)
    p33, p67, p95 = per_customer["revenue"].quantile([0.33, 0.67, 0.95])
    tiers = pd.cut(per_customer["revenue"], [-1, p33, p67, p95, float("inf")],
                   labels=["Low Value", "Medium Value", "High Value", "VIP"], right=False)
    summary = per_customer.groupby(tiers, observed=False).agg(
        customers=("revenue", "size"), revenue=("revenue", "sum"),
        mean_revenue=("revenue", "mean"), mean_orders=("orders", "mean"))
    print(daily.loc[last].to_dict(), len(peak), round(growth, 2))
    print(summary)


if __name__ == "__main__":
    main()

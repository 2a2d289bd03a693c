#!/usr/bin/python3
"""The prototype's daily_processor.py, done with pandas, as a peer for `storepulse batch`.

Reads the CSV, cleans it the prototype's way (read_csv, clean, groupby) and writes the
same three reports `storepulse batch` writes for them, with the same fields:
  daily_metrics.json      the last date's metrics (revenue, orders, lines, customers,
                          products, quantity, countries, average order and line value,
                          peak hour and its revenue, top 10 customers and products with
                          their most frequent description, top 5 countries) and a
                          summary of every date;
  weekly_trends.json      the 7 days ending on the last date, their total, growth first
                          to last day and against the previous 7 days, and all ISO weeks;
  customer_segments.json  the tiers by per-customer revenue percentiles.
(storepulse's batch also writes RFM, products, countries, cohorts, seasonality and the
quarantine; this peer does not, so the comparison favours it.)

Usage: pandas_batch.py INPUT.csv OUT_DIR
Run with Debian's interpreter (/usr/bin/python3), which sees python3-pandas.
"""
import json
import os
import sys

import pandas as pd


def money(value) -> float:
    return round(float(value), 2)


def top(frame: pd.DataFrame, key: str, n: int) -> pd.DataFrame:
    return frame.groupby(key).agg(revenue=("Revenue", "sum"),
                                  orders=("InvoiceNo", "nunique"),
                                  quantity=("Quantity", "sum")).nlargest(n, "revenue")


def daily_report(df: pd.DataFrame, daily: pd.DataFrame, day) -> dict:
    today = df[df["Date"] == day]
    row = daily.loc[day]
    by_hour = today.groupby("Hour")["Revenue"].sum()
    descriptions = (df.groupby(["StockCode", "Description"]).size().reset_index(name="n")
                    .sort_values("n", ascending=False, kind="stable")
                    .drop_duplicates("StockCode").set_index("StockCode")["Description"])
    customers = top(today, "CustomerID", 10)
    products = top(today, "StockCode", 10)
    countries = top(today, "Country", 5)
    return {
        "date": str(day),
        "revenue": money(row["revenue"]),
        "orders": int(row["orders"]),
        "lines": int(row["lines"]),
        "customers": int(row["customers"]),
        "products": int(row["products"]),
        "quantity": int(row["quantity"]),
        "countries": int(row["countries"]),
        "average_order_value": money(row["revenue"] / row["orders"]),
        "average_line_value": money(row["revenue"] / row["lines"]),
        "peak_hour": int(by_hour.idxmax()),
        "peak_hour_revenue": money(by_hour.max()),
        "top_customers": [{"customer_id": str(int(c)), "revenue": money(r.revenue),
                           "orders": int(r.orders)} for c, r in customers.iterrows()],
        "top_products": [{"stock_code": s, "description": descriptions.get(s, ""),
                          "revenue": money(r.revenue), "quantity": int(r.quantity)}
                         for s, r in products.iterrows()],
        "top_countries": [{"country": c, "revenue": money(r.revenue), "orders": int(r.orders)}
                          for c, r in countries.iterrows()],
        "days": [{"date": str(d), "revenue": money(r.revenue), "orders": int(r.orders),
                  "lines": int(r.lines), "customers": int(r.customers)}
                 for d, r in daily.iterrows()],
    }


def weekly_report(df: pd.DataFrame, daily: pd.DataFrame, last) -> dict:
    end = pd.Timestamp(last)
    dates = pd.date_range(end - pd.Timedelta(days=6), end).date
    previous = pd.date_range(end - pd.Timedelta(days=13), end - pd.Timedelta(days=7)).date

    def totals(days) -> dict:
        lines = df[df["Date"].isin(days)]
        return {"revenue": money(lines["Revenue"].sum()),
                "orders": int(lines["InvoiceNo"].nunique()), "lines": len(lines),
                "customers": int(lines["CustomerID"].nunique()),
                "quantity": int(lines["Quantity"].sum())}

    week = daily.reindex(dates, fill_value=0)
    total, previous_total = totals(dates), totals(previous)
    trading = week[week["revenue"] > 0]["revenue"]  # growth from the first day with sales
    # ISO weeks by their Monday, weeks without sales included (as zeros).
    monday = df["InvoiceDate"].dt.normalize() - pd.to_timedelta(
        df["InvoiceDate"].dt.dayofweek, unit="D")
    weeks = df.assign(monday=monday).groupby("monday").agg(
        revenue=("Revenue", "sum"), orders=("InvoiceNo", "nunique"),
        lines=("InvoiceNo", "size"), customers=("CustomerID", "nunique"),
        quantity=("Quantity", "sum"))
    weeks = weeks.reindex(pd.date_range(weeks.index.min(), weeks.index.max(), freq="7D"),
                          fill_value=0)
    return {
        "start": str(dates[0]), "end": str(dates[-1]),
        "days": [{"date": str(d), "weekday": pd.Timestamp(d).dayofweek,
                  "revenue": money(r.revenue), "orders": int(r.orders),
                  "lines": int(r.lines), "customers": int(r.customers)}
                 for d, r in week.iterrows()],
        "total": total,
        "previous_week": previous_total,
        "growth_first_to_last_day_percent":
            round((trading.iloc[-1] / trading.iloc[0] - 1) * 100, 2) if len(trading) else None,
        "growth_vs_previous_week_percent":
            round((total["revenue"] / previous_total["revenue"] - 1) * 100, 2)
            if previous_total["revenue"] else None,
        "iso_weeks": [{"iso_year": int(m.isocalendar()[0]), "week": int(m.isocalendar()[1]),
                       "start": str(m.date()), "revenue": money(r.revenue),
                       "orders": int(r.orders), "lines": int(r.lines),
                       "customers": int(r.customers), "quantity": int(r.quantity)}
                      for m, r in weeks.iterrows()],
    }


def segments_report(df: pd.DataFrame) -> dict:
    per_customer = df.groupby("CustomerID").agg(revenue=("Revenue", "sum"),
                                                orders=("InvoiceNo", "nunique"))
    per_customer["revenue"] = per_customer["revenue"].round(2)
    p33, p67, p95 = per_customer["revenue"].quantile([0.33, 0.67, 0.95])
    tiers = pd.cut(per_customer["revenue"], [-1, p33, p67, p95, float("inf")],
                   labels=["Low Value", "Medium Value", "High Value", "VIP"], right=False)
    summary = per_customer.groupby(tiers, observed=False).agg(
        customers=("revenue", "size"), revenue=("revenue", "sum"),
        mean_revenue=("revenue", "mean"), mean_orders=("orders", "mean"))
    return {
        "customers": len(per_customer),
        "tiers": {name: {"customers": int(r.customers), "revenue": money(r.revenue),
                         "mean_revenue": money(r.mean_revenue),
                         "mean_orders": round(float(r.mean_orders), 2)}
                  for name, r in summary.iloc[::-1].iterrows()},
        "thresholds": {"high_value_min_p67": p67, "medium_value_min_p33": p33,
                       "vip_min_p95": p95},
        "method": "percentiles of per-customer revenue rounded to the penny, linear "
                  "interpolation (NumPy/pandas default)",
    }


def write_json(path: str, value: dict) -> None:
    with open(path, "w") as out:
        json.dump(value, out, indent=2, default=str)
        out.write("\n")


def main() -> None:
    source, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    df = pd.read_csv(source, encoding="ISO-8859-1",
                     dtype={"InvoiceNo": str, "StockCode": str})
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
    last = df["Date"].max()
    write_json(os.path.join(out_dir, "daily_metrics.json"), daily_report(df, daily, last))
    write_json(os.path.join(out_dir, "weekly_trends.json"), weekly_report(df, daily, last))
    write_json(os.path.join(out_dir, "customer_segments.json"), segments_report(df))
    print(f"{last}: revenue {daily.loc[last, 'revenue']:.2f}, "
          f"orders {daily.loc[last, 'orders']}; reports in {out_dir}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The prototype's train_model.py, as a peer for the line revenue model of `storepulse train`.

Cleans the export the prototype's way, computes the same 10 features as storepulse
(src/ml/line_features.h: quantity, unit price, hour, weekday, month, weekend and
business-hours flags, country coded by lines in training, price and quantity bands with the
same edges), takes the very same 80/20 random split (each clean row's side is
splitmix64(splitmix64(seed) + row) % 10000 < 2000 for test, as src/ml/splits.h), fits
RandomForestRegressor(n_estimators=100, max_depth=15, random_state=42, n_jobs=-1) and prints
one JSON object: fit seconds, held-out MAE / RMSE / R2 and the median single-row predict time.
Run with Debian's interpreter (/usr/bin/python3), which sees python3-sklearn.
"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor

MASK = (1 << 64) - 1
PRICE_EDGES = [1, 2, 5, 10]
QUANTITY_EDGES = [2, 6, 13, 51]


def splitmix64(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def buckets(rows: int, seed: int) -> np.ndarray:
    seeded = splitmix64(np.array([seed], dtype=np.uint64))[0]
    with np.errstate(over="ignore"):
        keys = splitmix64(np.arange(rows, dtype=np.uint64) + seeded)
    return (keys % np.uint64(10000)).astype(np.int64)


def main() -> None:
    path = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    df = pd.read_csv(path, encoding="ISO-8859-1", dtype={"InvoiceNo": str, "StockCode": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M")
    df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0) & df["CustomerID"].notna()]
    df = df.reset_index(drop=True)

    test = buckets(len(df), seed) < 2000
    train = ~test
    counts = df.loc[train, "Country"].value_counts()
    order = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    codes = {name: code for code, (name, _) in enumerate(order)}

    hour = df["InvoiceDate"].dt.hour
    weekday = df["InvoiceDate"].dt.dayofweek
    features = pd.DataFrame({
        "quantity": df["Quantity"].astype(float),
        "unit_price": df["UnitPrice"].astype(float),
        "hour": hour,
        "day_of_week": weekday,
        "month": df["InvoiceDate"].dt.month,
        "is_weekend": (weekday >= 5).astype(int),
        "is_business_hours": ((hour >= 9) & (hour < 17)).astype(int),
        "country": df["Country"].map(codes).fillna(len(codes)).astype(int),
        "price_band": np.searchsorted(PRICE_EDGES, df["UnitPrice"], side="right"),
        "quantity_band": np.searchsorted(QUANTITY_EDGES, df["Quantity"], side="right"),
    })
    revenue = (df["Quantity"] * df["UnitPrice"]).to_numpy()

    model = RandomForestRegressor(n_estimators=100, max_depth=15, random_state=42, n_jobs=-1)
    start = time.perf_counter()
    model.fit(features[train], revenue[train])
    fit_seconds = time.perf_counter() - start

    predicted = model.predict(features[test])
    error = revenue[test] - predicted
    mae = float(np.mean(np.abs(error)))
    rmse = float(np.sqrt(np.mean(error ** 2)))
    r2 = float(1 - np.sum(error ** 2) / np.sum((revenue[test] - revenue[test].mean()) ** 2))

    one_row = features[test].iloc[[0]]
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        model.predict(one_row)
        timings.append(time.perf_counter() - start)

    print(json.dumps({
        "train_rows": int(train.sum()),
        "test_rows": int(test.sum()),
        "fit_seconds": fit_seconds,
        "mae": mae,
        "rmse": rmse,
        "r2": r2,
        "predict_one_row_ms": statistics.median(timings) * 1000,
    }))


if __name__ == "__main__":
    main()

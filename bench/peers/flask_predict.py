#!/usr/bin/python3
"""The prototype's prediction_api.py, as a peer for `storepulse serve`: Flask serving a
scikit-learn RandomForestRegressor(n_estimators=100, max_depth=15, random_state=42),
trained at start-up on the 10 features of the prototype, and answering each POST
/predict the prototype's way: one request -> one DataFrame -> model.predict.

Usage: flask_predict.py DATA.csv PORT [TRAIN_ROWS]
Run with Debian's interpreter (/usr/bin/python3), which sees python3-flask and
python3-sklearn. TRAIN_ROWS (default: all clean lines) caps the training sample, for
quick trial runs; it does not change the cost of a prediction much (the trees' depth
is capped at 15 either way).
"""
import logging
import sys
import time

import numpy as np
import pandas as pd
from flask import Flask, jsonify, request
from sklearn.ensemble import RandomForestRegressor

# The same bands and hours as storepulse's line model (src/ml/line_features.cc).
PRICE_EDGES = [1, 2, 5, 10]
QUANTITY_EDGES = [2, 6, 13, 51]
FEATURES = ["quantity", "unit_price", "hour", "day_of_week", "month", "is_weekend",
            "is_business_hours", "country_code", "price_band", "quantity_band"]


def band(values, edges):
    return np.searchsorted(edges, values, side="right")


def add_features(df, country_codes):
    df["is_weekend"] = (df["day_of_week"] >= 5).astype(int)
    df["is_business_hours"] = ((df["hour"] >= 9) & (df["hour"] < 17)).astype(int)
    df["country_code"] = df["country"].map(country_codes).fillna(-1).astype(int)
    df["price_band"] = band(df["unit_price"], PRICE_EDGES)
    df["quantity_band"] = band(df["quantity"], QUANTITY_EDGES)
    return df


def train(path, rows):
    raw = pd.read_csv(path, encoding="ISO-8859-1", dtype={"InvoiceNo": str, "StockCode": str})
    raw = raw[(raw["Quantity"] > 0) & (raw["UnitPrice"] > 0) & raw["CustomerID"].notna()]
    stamps = pd.to_datetime(raw["InvoiceDate"], format="%m/%d/%Y %H:%M")
    df = pd.DataFrame({
        "quantity": raw["Quantity"].astype(float),
        "unit_price": raw["UnitPrice"].astype(float),
        "hour": stamps.dt.hour,
        "day_of_week": stamps.dt.dayofweek,
        "month": stamps.dt.month,
        "country": raw["Country"],
    })
    target = (raw["Quantity"] * raw["UnitPrice"]).to_numpy()
    country_codes = {name: code for code, name in enumerate(sorted(df["country"].unique()))}
    default_country = df["country"].mode()[0]
    default_month = int(df["month"].mode()[0])
    df = add_features(df, country_codes)
    if rows and rows < len(df):
        sample = df.sample(n=rows, random_state=42)
        target = target[sample.index.map(df.index.get_loc)]
        df = sample
    model = RandomForestRegressor(n_estimators=100, max_depth=15, random_state=42, n_jobs=-1)
    started = time.time()
    model.fit(df[FEATURES], target)
    print(f"trained on {len(df)} lines in {time.time() - started:.1f} s", file=sys.stderr)
    # One request at a time, as the prototype's service answered them.
    model.set_params(n_jobs=1)
    return model, country_codes, default_country, default_month


def main():
    path, port = sys.argv[1], int(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    model, country_codes, default_country, default_month = train(path, rows)
    app = Flask(__name__)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    @app.route("/health")
    def health():
        return jsonify({"status": "healthy"})

    @app.route("/predict", methods=["POST"])
    def predict():
        data = request.get_json()
        features = {
            "quantity": float(data["quantity"]),
            "unit_price": float(data["unit_price"]),
            "hour": int(data["hour"]),
            "day_of_week": int(data["day_of_week"]),
            "month": int(data.get("month", default_month)),
            "country": data.get("country", default_country),
        }
        frame = add_features(pd.DataFrame([features]), country_codes)
        prediction = float(model.predict(frame[FEATURES])[0])
        return jsonify({"predicted_revenue": round(prediction, 2), "status": "success",
                        "input_features": features})

    app.run(host="127.0.0.1", port=port, threaded=True)


if __name__ == "__main__":
    main()

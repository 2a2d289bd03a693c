-- wrk script: POST /predict with the prototype's request body.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2, "month": 11, "country": "United Kingdom"}'

-- wrk script: POST /predict/batch with 10,000 items (varied quantities and hours).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local items = {}
for i = 1, 10000 do
  items[i] = string.format(
    '{"quantity":%d,"unit_price":%.2f,"hour":%d,"day_of_week":%d,"month":%d}',
    1 + i % 48, 0.5 + (i % 20) * 0.75, 8 + i % 10, i % 7, 1 + i % 12)
end
wrk.body = '{"items":[' .. table.concat(items, ",") .. ']}'

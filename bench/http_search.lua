-- wrk script for bench/http_load.sh: rotate through searches people type,
-- so the figures are not those of one cached query.
local queries = {
  "banana", "raw spinach", "milk", "chicken breast", "oj", "almonds", "yogurt",
  "salmon", "brown rice", "baked potato", "cheddar cheese", "broccoli",
  "orange juice", "avocado", "whole wheat bread", "lentils", "egg", "peanut butter",
}
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/food/search?q=" .. q .. "&limit=10")
end

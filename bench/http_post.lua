-- wrk script for bench/http_load.sh: POST the file named by $BODY (a CASE
-- JSON with its diary inline) to the URL's path, e.g. /api/assess or /report.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

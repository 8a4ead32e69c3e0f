-- POSTs the storefront listing query (20 products with their categories) to /graphql.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ products(first: 20) { nodes { id sku name price unitPrice availability category { name slug } } pageInfo { hasNextPage endCursor } } }"}'

-- GraphQL reports errors in a 200 body, so a run that only counted statuses could pass on errors.
-- Each wrk thread has its own Lua state: count per thread, add up in done().
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

errors = 0
function response(status, headers, body)
  if string.find(body, '"errors"', 1, true) then errors = errors + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write(string.format("graphql-errors: %d\n", total))
end

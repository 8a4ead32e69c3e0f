-- Cycles through the URL list in the file named by the URLS environment variable, each thread from a different
-- offset, and counts the answers the output cache gave (they carry an Age header).
local urls = {}
local file = os.getenv("URLS")
for line in io.lines(file) do urls[#urls + 1] = line end

local threads = {}
local thread_index = 0
function setup(thread)
  thread:set("offset", thread_index * 7919)
  thread_index = thread_index + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  responses = 0
  cached = 0
end

function request()
  counter = counter + 1
  local path = urls[((counter + offset) % #urls) + 1]
  return wrk.format("GET", path)
end

function response(status, headers, body)
  responses = responses + 1
  if headers["Age"] ~= nil or headers["age"] ~= nil then cached = cached + 1 end
end

function done(summary, latency, requests)
  local total, hits = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    hits = hits + thread:get("cached")
  end
  io.write(string.format("cached %d of %d\n", hits, total))
end

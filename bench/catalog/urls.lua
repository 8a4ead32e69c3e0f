-- Cycles through the URL list in the file named by the URLS environment variable, each thread from a different offset.
local urls = {}
local counter = 0
local file = os.getenv("URLS")
for line in io.lines(file) do urls[#urls + 1] = line end

local thread_index = 0
function setup(thread)
  thread:set("offset", thread_index * 7919)
  thread_index = thread_index + 1
end

function request()
  counter = counter + 1
  local path = urls[((counter + offset) % #urls) + 1]
  return wrk.format("GET", path)
end

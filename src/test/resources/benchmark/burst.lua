-- wrk script of IntakeBenchmark: sends pre-signed mentions, each exactly once, spread over wrk's
-- threads. Arguments: a file of "webhook-id TAB timestamp TAB signature TAB body" lines, the
-- number of wrk threads. Prints "failed <status>" for every mention not answered 202.
local setup_count = 0
function setup(thread)
  thread:set("index", setup_count)
  setup_count = setup_count + 1
end

local requests = {}
local sent = 0
local answered = 0
-- wrk asks every connection for a next request; once all mentions are sent, a GET the intake
-- refuses (405), sent only every half second so that it takes no CPU from the mentions still
-- being answered, keeps the connections busy without storing anything
local filler
local verifying

function init(args)
  local threads = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % threads == index then
      local id, timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/api/mentions", {
        ["Content-Type"] = "application/json", ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp, ["webhook-signature"] = signature }, body)
    end
    line_number = line_number + 1
  end
  filler = wrk.format("GET", "/api/mentions")
  -- wrk calls request() of its first thread once before sending anything, to check the script
  verifying = index == 0
end

function delay()
  if sent < #requests then
    return 0
  end
  return 500
end

function request()
  if verifying then
    verifying = false
    return filler
  end
  sent = sent + 1
  return requests[sent] or filler
end

function response(status, headers, body)
  if status == 405 then
    return
  end
  answered = answered + 1
  if status ~= 202 then
    print("failed " .. status)
  end
  if answered == #requests then
    wrk.thread:stop()
  end
end

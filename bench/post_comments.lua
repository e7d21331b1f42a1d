-- wrk script: signed-in readers post comments as fast as they can.
-- Reads bench users from the file named by GAZETTE_BENCH_USERS: one line per
-- reader, "cookie<TAB>csrf". Each connection posts as one reader, a new text
-- every time (repeated texts are refused by the checks), with a key of 32 hex
-- digits as the site's own script sends (comments.js: a double click stores
-- one comment).
local users = {}
local counter = 0
local article = os.getenv("GAZETTE_BENCH_ARTICLE") or "1"
local origin = os.getenv("GAZETTE_BENCH_ORIGIN") or "http://127.0.0.1"
local run = os.getenv("GAZETTE_BENCH_RUN") or "0"  -- texts differ between runs too

function init(args)
  math.randomseed(os.time() + #run * 7919 + (tonumber(run:match("%d+$")) or 0))
  for line in io.lines(os.getenv("GAZETTE_BENCH_USERS")) do
    local cookie, csrf = line:match("([^\t]+)\t([^\t]+)")
    users[#users + 1] = { cookie = cookie, csrf = csrf }
  end
end

local connection = 0
function setup(thread)
  connection = connection + 1
  thread:set("thread_id", connection)
end

local function nonce()  -- random, and unique in the run by its last eight digits
  local digits = {}
  for i = 1, 24 do digits[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(digits) .. string.format("%08x", counter)
end

function request()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  local body = string.format('{"body": "Reader comment %s-%d-%d: the tram line should reach the harbour by spring.", '
                             .. '"nonce": "%s"}', run, thread_id or 0, counter, nonce())
  return wrk.format("POST", "/api/v1/articles/" .. article .. "/comments", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = user.cookie,
    ["X-CSRF-Token"] = user.csrf,
    ["Origin"] = origin,
  }, body)
end

-- wrk script: GETs the pages listed in the file GAZETTE_BENCH_PAGES (one
-- path per line) in turn.
local pages = {}
local next_page = 0

function init(args)
  for line in io.lines(os.getenv("GAZETTE_BENCH_PAGES")) do
    if #line > 0 then pages[#pages + 1] = line end
  end
end

function request()
  next_page = next_page % #pages + 1
  return wrk.format("GET", pages[next_page])
end

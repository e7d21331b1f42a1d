#include "core/search.h"

#include <algorithm>
#include <numeric>

namespace gazette::core {

std::vector<SearchTerm> RarestTerms(const std::vector<SearchTerm>& terms, const std::vector<std::int64_t>& articles,
                                    int n) {
  std::vector<std::size_t> order(std::min(terms.size(), articles.size()));
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::erase_if(order, [&](std::size_t i) { return articles[i] < 2; });
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return articles[a] < articles[b]; });
  if (order.size() > static_cast<std::size_t>(std::max(0, n))) order.resize(static_cast<std::size_t>(std::max(0, n)));
  std::sort(order.begin(), order.end());
  std::vector<SearchTerm> out;
  for (std::size_t i : order) out.push_back(terms[i]);
  return out;
}

}  // namespace gazette::core

#include "webhooks/http_post.h"

#include <curl/curl.h>

#include <mutex>

#include "base/text.h"

namespace gazette::webhooks {

namespace {

struct Transfer {
  std::string received;  // the first kKeep bytes of the body
  const std::function<bool()>* stopping = nullptr;
};

// Kept to cut cleanly at a character boundary below 1 KB.
constexpr std::size_t kKeep = 1024 + 4;

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  if (t->received.size() < kKeep) t->received.append(data, std::min(bytes, kKeep - t->received.size()));
  return bytes;  // the rest is read and dropped
}

int Progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return (*t->stopping && (*t->stopping)()) ? 1 : 0;
}

class Curl final : public Transport {
 public:
  Curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  HttpOutcome Post(const HttpPost& post, const std::function<bool()>& stopping) override {
    HttpOutcome out;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
      out.error = "libcurl could not start a request";
      return out;
    }
    curl_slist* list = nullptr;
    for (const auto& [name, value] : post.headers) list = curl_slist_append(list, (name + ": " + value).c_str());
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, curl_slist_free_all);
    Transfer transfer;
    transfer.stopping = &stopping;
    char error[CURL_ERROR_SIZE] = {0};
    long timeout_ms = static_cast<long>(std::chrono::milliseconds(post.timeout).count());
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, post.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, Progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    auto started = std::chrono::steady_clock::now();
    CURLcode result = curl_easy_perform(c);
    out.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (result == CURLE_ABORTED_BY_CALLBACK) {
      out.interrupted = true;
      out.error = "interrupted: the server is stopping";
      return out;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    if (result != CURLE_OK) {
      out.error = error[0] ? error : curl_easy_strerror(result);
    }
    out.excerpt = Excerpt(transfer.received, 1024);
    return out;
  }
};

}  // namespace

std::unique_ptr<Transport> CurlTransport() { return std::make_unique<Curl>(); }

std::string Excerpt(std::string_view bytes, std::size_t limit) {
  std::string_view cut = bytes.substr(0, limit);
  // A cut (here or while reading) may split a character: up to three bytes.
  for (std::size_t drop = 0; drop < 4 && drop <= cut.size(); ++drop) {
    std::string_view head = cut.substr(0, cut.size() - drop);
    if (base::IsValidUtf8(head)) return std::string(head);
  }
  return "(" + std::to_string(bytes.size()) + " bytes of binary data)";
}

}  // namespace gazette::webhooks

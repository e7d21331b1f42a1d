// Sends mail by handing it to a local program (sendmail or a compatible
// one), as most servers do; there is no SMTP client in Gazette.
#pragma once

#include <string>

#include "accounts/account_service.h"

namespace gazette::app {

class CommandMailer final : public accounts::Mailer {
 public:
  // `command` is split on spaces (no shell): "/usr/sbin/sendmail -t -i".
  CommandMailer(std::string command, std::string from) : command_(std::move(command)), from_(std::move(from)) {}

  // Writes the message (headers and body) to the program's standard input;
  // kInternal when it cannot start or exits with a failure.
  base::Status Send(std::string_view to, std::string_view subject, std::string_view body) override;

 private:
  std::string command_;
  std::string from_;
};

}  // namespace gazette::app

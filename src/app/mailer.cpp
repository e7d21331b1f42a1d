#include "app/mailer.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <vector>

extern char** environ;

namespace gazette::app {

base::Status CommandMailer::Send(std::string_view to, std::string_view subject, std::string_view body) {
  std::vector<std::string> parts;
  std::istringstream words(command_);
  for (std::string word; words >> word;) parts.push_back(word);
  if (parts.empty()) return base::Error::Internal("mail.command is empty");
  std::vector<char*> argv;
  for (std::string& p : parts) argv.push_back(p.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return base::Error::Internal(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[0]);
  if (rc != 0) {
    close(pipe_fds[1]);
    return base::Error::Internal("cannot run " + parts[0] + ": " + std::strerror(rc));
  }
  std::string message;
  if (!from_.empty()) message += "From: " + from_ + "\n";
  message += "To: " + std::string(to) + "\nSubject: " + std::string(subject) +
             "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + std::string(body);
  std::size_t written = 0;
  while (written < message.size()) {
    ssize_t n = write(pipe_fds[1], message.data() + written, message.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(pipe_fds[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return base::Error::Internal(parts[0] + " failed to send the mail (exit " + std::to_string(WEXITSTATUS(status)) + ")");
  }
  return {};
}

}  // namespace gazette::app

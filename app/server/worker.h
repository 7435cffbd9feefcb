// The worker: one thread owns the engine Session and runs the queued requests one at a time,
// first come first served. Each job carries a cancel flag (set when its client goes away) that
// the engine reads before every token, and a channel of produced text that the HTTP connection
// thread drains while the job runs.
#pragma once
#include "session.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace causerie::server {

struct Job {
    std::vector<int32_t> prompt;
    GenerateParams params;
    std::atomic<bool> cancel{false};

    // Written by the worker, read by the connection thread, under `mutex`.
    std::mutex mutex;
    std::condition_variable changed;
    std::string pending;                  // text not yet taken
    bool finished = false;
    std::optional<GenerateResult> result;  // when finished without an engine error
    std::string error;                     // when the engine failed

    // Waits up to `timeout` for text or the end; moves the pending text into `out`.
    // Returns true once the job has finished and nothing is pending.
    bool take(std::string& out, std::chrono::milliseconds timeout);
};

class Worker {
public:
    enum class State { NoModel, Loading, Ready, Failed };

    Worker();
    ~Worker();  // cancels what is queued and running, joins the thread
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Loads a model on the worker thread (the state is Loading meanwhile, Ready or Failed after).
    void load(SessionOptions options);
    // Takes a session already loaded (the app's).
    void set_session(std::unique_ptr<Session> session);

    State state() const { return state_.load(); }
    std::string load_error() const;
    // The session, for const use (tokenizing, the template) while Ready; never generate through it.
    const Session* session() const { return state() == State::Ready ? session_.get() : nullptr; }

    // Queues a job; false when the queue is full (`max_queued` waiting).
    bool submit(std::shared_ptr<Job> job);
    size_t queued() const;
    size_t max_queued = 64;

    // Counters since start (for the status shown by the app, and the tests).
    struct Stats {
        uint64_t completed = 0;        // requests that ran to their end
        uint64_t cancelled = 0;        // stopped because their client went away
        int32_t last_cancelled_tokens = 0;  // tokens the last cancelled request had generated
        uint64_t failed = 0;           // engine errors
    };
    Stats stats() const;

private:
    void run();

    std::unique_ptr<Session> session_;
    std::atomic<State> state_{State::NoModel};
    std::string load_error_;
    std::optional<SessionOptions> to_load_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> queue_;
    std::shared_ptr<Job> running_;
    Stats stats_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace causerie::server

// The worker: one thread owns the engine Session and runs the queued requests one at a time,
// first come first served. Each job carries a cancel flag (set when its client goes away) that
// the engine reads before every token, and a channel of produced text that the HTTP connection
// thread drains while the job runs.
#pragma once
#include "server.h"
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
    // Takes a session already loaded.
    void set_session(std::unique_ptr<Session> session);
    // Runs the jobs on a host's session instead (the app's), in the host's own queue.
    void share(SharedEngine engine);

    State state() const;
    std::string load_error() const;
    // The session, for const use (tokenizing, the template) while Ready, held so that it cannot
    // be replaced meanwhile; never generate through it.
    struct Held {
        std::shared_lock<std::shared_mutex> lock;
        const Session* session = nullptr;
    };
    Held hold() const;

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
    // Runs `job` on the shared engine's thread and waits for its end.
    void run_shared(Job& job, std::optional<GenerateResult>& result, std::string& error);

    mutable std::shared_mutex own_lock_;  // guards session_ against its replacement (load)
    std::optional<SharedEngine> shared_;
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

#include "worker.h"

#include <spdlog/spdlog.h>

namespace causerie::server {

bool Job::take(std::string& out, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    if (pending.empty() && !finished) changed.wait_for(lock, timeout, [&] { return !pending.empty() || finished; });
    out += pending;
    pending.clear();
    return finished;
}

Worker::Worker() : thread_([this] { run(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& j : queue_) j->cancel = true;
        if (running_) running_->cancel = true;
    }
    wake_.notify_all();
    thread_.join();
    // Jobs never started end as cancelled, so that their connections finish.
    for (auto& j : queue_) {
        std::lock_guard lock(j->mutex);
        j->error = "the server is stopping";
        j->finished = true;
        j->changed.notify_all();
    }
}

void Worker::load(SessionOptions options) {
    {
        std::lock_guard lock(mutex_);
        to_load_ = std::move(options);
        state_ = State::Loading;
    }
    wake_.notify_all();
}

void Worker::set_session(std::unique_ptr<Session> session) {
    std::lock_guard lock(mutex_);
    session_ = std::move(session);
    state_ = session_ ? State::Ready : State::NoModel;
}

std::string Worker::load_error() const {
    std::lock_guard lock(mutex_);
    return load_error_;
}

bool Worker::submit(std::shared_ptr<Job> job) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= max_queued || stopping_) return false;
        queue_.push_back(std::move(job));
    }
    wake_.notify_all();
    return true;
}

Worker::Stats Worker::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

size_t Worker::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + (running_ ? 1 : 0);
}

void Worker::run() {
    for (;;) {
        std::shared_ptr<Job> job;
        std::optional<SessionOptions> load;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || to_load_ || (!queue_.empty() && session_); });
            if (stopping_) return;
            if (to_load_) {
                load = std::move(to_load_);
                to_load_.reset();
            } else {
                job = std::move(queue_.front());
                queue_.pop_front();
                running_ = job;
            }
        }
        if (load) {
            auto s = Session::load(*load);
            std::lock_guard lock(mutex_);
            if (s) {
                session_ = std::move(*s);
                load_error_.clear();
                state_ = State::Ready;
            } else {
                session_.reset();
                load_error_ = s.error().message;
                state_ = State::Failed;
                spdlog::error("server: cannot load the model: {}", load_error_);
            }
            continue;
        }
        std::optional<GenerateResult> result;
        std::string error;
        if (job->cancel) {
            result = GenerateResult{};
            result->reason = StopReason::Cancelled;
        } else {
            auto r = session_->generate(
                job->prompt, job->params,
                [&](const std::string& piece) {
                    std::lock_guard lock(job->mutex);
                    job->pending += piece;
                    job->changed.notify_all();
                    return !job->cancel.load();
                },
                &job->cancel);
            if (r) result = std::move(*r);
            else error = r.error().message;
        }
        {
            std::lock_guard lock(job->mutex);
            job->result = std::move(result);
            job->error = std::move(error);
            job->finished = true;
            job->changed.notify_all();
        }
        std::lock_guard lock(mutex_);
        running_.reset();
        if (!job->error.empty()) {
            ++stats_.failed;
        } else if (job->result->reason == StopReason::Cancelled || job->result->reason == StopReason::CallbackStopped) {
            ++stats_.cancelled;
            stats_.last_cancelled_tokens = job->result->n_generated;
        } else {
            ++stats_.completed;
        }
    }
}

}  // namespace causerie::server

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
    std::unique_lock own(own_lock_);
    session_ = std::move(session);
    state_ = session_ ? State::Ready : State::NoModel;
}

void Worker::share(SharedEngine engine) {
    {
        std::lock_guard lock(mutex_);
        shared_ = std::move(engine);
    }
    wake_.notify_all();
}

Worker::State Worker::state() const {
    if (shared_) return hold().session ? State::Ready : State::NoModel;
    return state_.load();
}

Worker::Held Worker::hold() const {
    if (shared_) {
        Held h{std::shared_lock(*shared_->lock)};
        h.session = shared_->session();
        return h;
    }
    Held h{std::shared_lock(own_lock_)};
    h.session = state_.load() == State::Ready ? session_.get() : nullptr;
    return h;
}

void Worker::run_shared(Job& job, std::optional<GenerateResult>& result, std::string& error) {
    // The host calls the task on its thread, then drops it: the end is the task's destruction,
    // which also comes when the host drops it uncalled (its thread has stopped).
    struct Done {
        std::mutex mutex;
        std::condition_variable changed;
        bool done = false;
    };
    struct Signal {
        explicit Signal(std::shared_ptr<Done> d) : done(std::move(d)) {}
        Signal(const Signal&) = delete;
        Signal& operator=(const Signal&) = delete;
        ~Signal() {
            std::lock_guard lock(done->mutex);
            done->done = true;
            done->changed.notify_all();
        }
        std::shared_ptr<Done> done;
    };
    auto done = std::make_shared<Done>();
    auto signal = std::make_shared<Signal>(done);  // made in place: no temporary signals early
    error = "no model is loaded";
    shared_->run([signal, &job, &result, &error](Session* session) {
        if (!session) return;
        auto r = session->generate(
            job.prompt, job.params,
            [&job](const std::string& piece) {
                std::lock_guard lock(job.mutex);
                job.pending += piece;
                job.changed.notify_all();
                return !job.cancel.load();
            },
            &job.cancel);
        if (r) {
            result = std::move(*r);
            error.clear();
        } else {
            error = r.error().message;
        }
    });
    signal.reset();
    std::unique_lock lock(done->mutex);
    done->changed.wait(lock, [&] { return done->done; });
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
            wake_.wait(lock, [&] { return stopping_ || to_load_ || (!queue_.empty() && (session_ || shared_)); });
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
            std::unique_lock own(own_lock_);
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
        } else if (shared_) {
            run_shared(*job, result, error);
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

#include "engine/engine_worker.h"

#include "energy/energy_meter.h"
#include "models/fit_estimate.h"
#include "models/gguf_summary.h"
#include "session.h"
#include "vulkan/device.h"

#include <QFileInfo>
#include <spdlog/spdlog.h>

#include <cmath>

namespace causerie::gui {

EngineWorker::EngineWorker(std::atomic<bool>* cancel, const std::atomic<quint64>* stopThrough, QObject* parent)
    : QObject(parent), cancel_(cancel), stopThrough_(stopThrough) {}

EngineWorker::~EngineWorker() = default;

void EngineWorker::listDevices() {
    QStringList names;
    QList<qint64> memory;
    if (auto devices = vk::list_devices()) {
        for (const auto& d : *devices) {
            names << QString::fromStdString(d.name);
            memory << qint64(d.device_local_bytes);
        }
    } else {
        spdlog::warn("cannot list the Vulkan devices: {}", devices.error().message);
    }
    emit devicesListed(names);
    emit deviceMemoryListed(memory);
}

QString EngineWorker::open(const QString& path, int contextLength, int device) {
    {
        std::unique_lock lock(sessionLock_);
        session_.reset();
    }
    SessionOptions options;
    options.device = device;
    options.model_path = path.toStdString();
    options.n_ctx = uint32_t(std::max(0, contextLength));
    options.experts_in_system_memory = expertLayersInSystemMemory(path, options.n_ctx, device);
    int lastPercent = -1;
    options.progress = [this, &lastPercent](float fraction) {
        const int percent = int(std::lround(fraction * 100.f));
        if (percent != lastPercent) {
            lastPercent = percent;
            emit loadProgress(double(fraction));
        }
    };
    spdlog::info("loading model {} (context {})", options.model_path, contextLength);
    auto loaded = Session::load(options);
    if (!loaded) {
        spdlog::error("cannot load {}: {}", options.model_path, loaded.error().message);
        return QString::fromStdString(loaded.error().message);
    }
    {
        std::unique_lock lock(sessionLock_);
        session_ = std::move(*loaded);
    }
    path_ = path;
    device_ = device;
    return {};
}

quint32 EngineWorker::expertLayersInSystemMemory(const QString& path, quint32 context, int device) {
    // Automatic: the fit estimate's layers when the model is too big for the device and its
    // experts make up the difference (the Models page's "fits with N layers of experts in
    // system memory"), at the context the engine will allocate.
    auto summary = models::readGgufSummary(path);
    if (!summary || !summary->shape.nExpert) return 0;
    auto devices = vk::list_devices();
    const size_t index = size_t(std::max(0, device));
    if (!devices || index >= devices->size()) return 0;
    const models::ModelShape& shape = summary->shape;
    const quint32 ctx = context ? context : std::min<quint32>(shape.contextTrain ? shape.contextTrain : 4096, 4096);
    const models::FitEstimate fit = models::estimateFit(shape, ctx, (*devices)[index].device_local_bytes);
    if (fit.expertLayersInSystemMemory)
        spdlog::info("{}: the experts of {} of {} layers go to system memory ({} MiB) to fit the device", path.toStdString(),
                     fit.expertLayersInSystemMemory, shape.nLayer, fit.systemBytes >> 20);
    return fit.expertLayersInSystemMemory;
}

ModelInfo EngineWorker::describe(const QString& path) const {
    ModelInfo info;
    info.path = path;
    info.name = QFileInfo(path).completeBaseName();
    info.architecture = QString::fromStdString(session_->hparams().arch_name);
    info.templateName = QString::fromStdString(session_->chat_template().name);
    info.deviceName = QString::fromStdString(session_->device_name());
    info.fileSize = QFileInfo(path).size();
    info.contextLength = int(session_->n_ctx());
    info.thinkingSwitch = session_->thinking_switch().available;
    info.thinkingDefault = session_->thinking_switch().default_on;
    spdlog::info("model {} loaded on {} (context {}, template {})", info.name.toStdString(), info.deviceName.toStdString(),
                 info.contextLength, info.templateName.toStdString());
    return info;
}

void EngineWorker::loadModel(const QString& path, int contextLength, int device) {
    if (QString error = open(path, contextLength, device); !error.isEmpty()) {
        emit loadFailed(path, error);
        return;
    }
    emit modelLoaded(describe(path));
}

void EngineWorker::growContext(int contextLength) {
    const uint32_t trained = session_->hparams().n_ctx_train ? session_->hparams().n_ctx_train : session_->n_ctx();
    const uint32_t wanted = std::min(uint32_t(std::max(0, contextLength)), trained);
    const uint32_t loaded = session_->n_ctx();
    if (wanted <= loaded) return;
    spdlog::info("the conversation asks for a context of {} tokens: loading the model again (was {})", wanted, loaded);
    const QString path = path_;
    if (QString error = open(path, int(wanted), device_); !error.isEmpty()) {
        spdlog::warn("a context of {} does not fit ({}): back to {}", wanted, error.toStdString(), loaded);
        if (QString again = open(path, int(loaded), device_); !again.isEmpty()) {
            emit loadFailed(path, again);
            return;
        }
    }
    emit modelLoaded(describe(path));
}

void EngineWorker::unloadModel() {
    {
        std::unique_lock lock(sessionLock_);
        session_.reset();
    }
    emit modelUnloaded();
}

void EngineWorker::generate(const GenerationRequest& request) {
    if (!session_) {
        emit generationFailed(request.id, QStringLiteral("no model is loaded"));
        return;
    }
    std::vector<ChatMessage> messages;
    messages.reserve(size_t(request.turns.size()));
    for (const ChatTurn& turn : request.turns) messages.push_back({turn.role.toStdString(), turn.content.toStdString()});

    const storage::SamplingSettings& s = request.sampling;
    growContext(s.contextLength);
    if (!session_) {
        emit generationFailed(request.id, QStringLiteral("the model could not be loaded again"));
        return;
    }
    GenerateParams params;
    params.n_ctx = uint32_t(std::max(0, s.contextLength));  // the conversation's window
    params.max_tokens = s.maxTokens > 0 ? s.maxTokens : int32_t(session_->n_ctx());
    params.sampling.temperature = float(s.temperature);
    params.sampling.top_k = s.topK;
    params.sampling.top_p = float(s.topP);
    params.sampling.min_p = float(s.minP);
    params.sampling.repeat_penalty = float(s.repeatPenalty);
    params.sampling.seed = request.seed;
    params.enable_thinking = request.enableThinking;

    const quint64 id = request.id;
    cancel_->store(stopThrough_->load() >= id);
    if (!energy_) {
        energy_ = std::make_unique<energy::EnergyRecorder>(energy::EnergyMeter::system());
        if (energy_->empty()) spdlog::info("energy per reply: no readable source (RAPL, amdgpu, NVML)");
    }
    energy_->start();  // around the generation only: prompt evaluation and the reply's tokens
    auto result = session_->chat(
        messages, params,
        [this, id](const std::string& piece) {
            emit pieceReady(id, QString::fromStdString(piece));
            return stopThrough_->load() < id;  // a stop() that raced with the start of this request
        },
        cancel_);
    const energy::Measurement used = energy_->stop();
    if (!result) {
        spdlog::error("generation failed: {}", result.error().message);
        emit generationFailed(id, QString::fromStdString(result.error().message));
        return;
    }
    GenerationStats stats;
    stats.text = QString::fromStdString(result->text);
    stats.promptTokens = result->n_prompt;
    stats.reusedTokens = result->n_reused;
    stats.generatedTokens = result->n_generated;
    stats.slides = result->n_slides;
    stats.contextUsed = int(session_->n_past());
    stats.promptTokensPerSecond = result->prompt_tps();
    stats.tokensPerSecond = result->gen_tps();
    stats.stopReason = QString::fromLatin1(stop_reason_name(result->reason));
    stats.sampler = QString::fromStdString(Sampler(params.sampling).describe());
    if (used.measured()) {
        stats.energyJoules = used.joules;
        for (const std::string& source : used.sources) stats.energySources << QString::fromStdString(source);
    }
    emit generationFinished(id, stats);
}

}  // namespace causerie::gui

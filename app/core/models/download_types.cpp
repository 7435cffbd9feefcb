#include "models/download_types.h"

namespace causerie::models {

namespace {
struct StateName {
  DownloadState state;
  const char* name;
};
constexpr StateName kNames[] = {
    {DownloadState::Queued, "queued"},     {DownloadState::Checking, "checking"},
    {DownloadState::Running, "running"},   {DownloadState::Waiting, "waiting"},
    {DownloadState::Paused, "paused"},     {DownloadState::Verifying, "verifying"},
    {DownloadState::Completed, "completed"}, {DownloadState::Failed, "failed"},
};
}  // namespace

QString downloadStateName(DownloadState s) {
  for (const StateName& n : kNames)
    if (n.state == s) return QString::fromLatin1(n.name);
  return QStringLiteral("queued");
}

DownloadState downloadStateFromName(const QString& name) {
  for (const StateName& n : kNames)
    if (name == QLatin1String(n.name)) return n.state;
  return DownloadState::Paused;
}

bool isActive(DownloadState s) {
  return s == DownloadState::Checking || s == DownloadState::Running || s == DownloadState::Waiting ||
         s == DownloadState::Verifying;
}

}  // namespace causerie::models

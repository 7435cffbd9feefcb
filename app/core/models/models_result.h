// Results of the model manager's fallible calls: the storage library's Result<T>/Status
// (a value or a human-readable error message), used under causerie::models.
#pragma once

#include "storage/result.h"

namespace causerie::models {

using storage::Error;
using storage::fail;
using storage::Result;
using storage::Status;

}  // namespace causerie::models

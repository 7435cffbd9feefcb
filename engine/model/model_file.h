// A model file opened for inference: the mapping, its parsed header, hyperparameters and weights.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "model/hparams.h"
#include "model/weights.h"

#include <memory>
#include <string>

namespace causerie {

struct ModelFile {
    MappedFile map;
    Gguf gguf;
    HParams hp;
    ModelWeights weights;  // points into gguf.tensors

    // Opens, parses and validates; the error starts with the file name.
    static Result<std::unique_ptr<ModelFile>> open(const std::string& path);
};

}  // namespace causerie

// Everything main() does, so that main.cpp stays a few lines.
#pragma once

namespace causerie::gui {

int runApp(int argc, char** argv);

}  // namespace causerie::gui

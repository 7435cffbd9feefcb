// causerie: the chat application. Everything is in the causerie_gui library and its QML module.
#include "app/run_app.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CauseriePlugin)

int main(int argc, char** argv) { return causerie::gui::runApp(argc, argv); }

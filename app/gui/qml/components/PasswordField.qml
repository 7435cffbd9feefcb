// A field for a secret (an API key): its characters hidden. Qt 6.4 withholds the accessible name
// of every password field, so its name is given as `accessibleName`, which the app's
// accessibility interface reports (app/gui/app/accessibility.cpp); the text itself never is.
import QtQuick
import QtQuick.Controls

TextField {
    property string accessibleName: ""
    echoMode: TextInput.Password
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AppShell</name>
    <message>
        <source>The conversations cannot be saved: %1</source>
        <translation>Les conversations ne peuvent pas être enregistrées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <source>Fit checked against %1 of device memory at %2 tokens of context</source>
        <translation>Compatibilité estimée pour %1 de mémoire graphique et un contexte de %2 jetons</translation>
    </message>
    <message>
        <source>Device memory unknown: fit checked against %1 at %2 tokens of context</source>
        <translation>Mémoire graphique inconnue&#xa0;: compatibilité estimée pour %1 et un contexte de %2 jetons</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Actualisation…</translation>
    </message>
    <message>
        <source>Refresh the catalog</source>
        <translation>Actualiser le catalogue</translation>
    </message>
    <message>
        <source>Refresh the catalog from its address</source>
        <translation>Actualiser le catalogue depuis son adresse</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>%1%2 · %3 · %4 parameters · licence %5 · context %6</source>
        <translation>%1%2 · %3 · %4 paramètres · licence %5 · contexte %6</translation>
    </message>
    <message>
        <source>context ≤ %1</source>
        <translation>contexte ≤ %1</translation>
    </message>
    <message>
        <source>Not yet supported</source>
        <translation>Pas encore pris en charge</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Télécharger %1</translation>
    </message>
    <message>
        <source>%1: architecture %2 not yet supported</source>
        <translation>%1&#xa0;: architecture %2 pas encore prise en charge</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>Le téléchargement a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Conversation settings: system prompt and sampling</source>
        <translation>Réglages de la conversation&#xa0;: prompt système et échantillonnage</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Chargement du modèle</translation>
    </message>
    <message>
        <source>Loading the model… %1%</source>
        <translation>Chargement du modèle… %1 %</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>What shall we talk about?</source>
        <translation>De quoi parlons-nous&#xa0;?</translation>
    </message>
    <message>
        <source>Type a message below. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Écrivez un message ci-dessous. Entrée envoie, Maj+Entrée passe à la ligne.</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <source>context %1 / %2 tokens</source>
        <translation>contexte %1 / %2 jetons</translation>
    </message>
    <message>
        <source>the oldest messages no longer fit and were left out</source>
        <translation>les messages les plus anciens ne tenaient plus et ont été omis</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <source>Reply stopped: %1</source>
        <translation>Réponse arrêtée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reply stopped.</source>
        <translation>Réponse arrêtée.</translation>
    </message>
    <message>
        <source>The reply failed.</source>
        <translation>La réponse a échoué.</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Réponse&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message (Enter to send, Shift+Enter for a new line)</source>
        <translation>Message (Entrée pour envoyer, Maj+Entrée pour aller à la ligne)</translation>
    </message>
    <message>
        <source>Open a model to start chatting</source>
        <translation>Ouvrez un modèle pour commencer à discuter</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Arrêter la réponse (Échap)</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>Envoyer le message (Entrée)</translation>
    </message>
</context>
<context>
    <name>ConnectionsSection</name>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n modèle</numerusform>
            <numerusform>%n modèles</numerusform>
        </translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connexions</translation>
    </message>
    <message>
        <source>OpenAI-compatible servers (vLLM, llama.cpp, Ollama, a hosted service, another Causerie): their models appear in the model picker, marked as remote.</source>
        <translation>Serveurs compatibles OpenAI (vLLM, llama.cpp, Ollama, un service hébergé, un autre Causerie)&#xa0;: leurs modèles apparaissent dans le sélecteur de modèle, marqués comme distants.</translation>
    </message>
    <message>
        <source>No system keyring is available (%1): API keys are kept for this session only and must be entered again after a restart.</source>
        <translation>Aucun trousseau système n’est disponible (%1)&#xa0;: les clés d’API ne sont gardées que pour cette session et devront être saisies à nouveau après un redémarrage.</translation>
    </message>
    <message>
        <source>%1 · API key set</source>
        <translation>%1 · clé d’API enregistrée</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>List the models of %1 again</source>
        <translation>Lister à nouveau les modèles de %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the connection %1</source>
        <translation>Retirer la connexion %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>GPU server</source>
        <translation>Serveur GPU</translation>
    </message>
    <message>
        <source>Name of the new connection</source>
        <translation>Nom de la nouvelle connexion</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL de base</translation>
    </message>
    <message>
        <source>Base URL of the new connection</source>
        <translation>URL de base de la nouvelle connexion</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultative</translation>
    </message>
    <message>
        <source>API key of the new connection (kept in the system keyring)</source>
        <translation>Clé d’API de la nouvelle connexion (gardée dans le trousseau système)</translation>
    </message>
    <message>
        <source>Add the connection</source>
        <translation>Ajouter la connexion</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Conversation actions</source>
        <translation>Actions sur la conversation</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Renommer la conversation</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Supprimer la conversation</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Exporter en JSON…</translation>
    </message>
    <message>
        <source>Conversation, updated today at %1</source>
        <translation>Conversation, modifiée aujourd’hui à %1</translation>
    </message>
    <message>
        <source>Conversation, updated on %1</source>
        <translation>Conversation, modifiée le %1</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDrawer</name>
    <message>
        <source>Conversation settings</source>
        <translation>Réglages de la conversation</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt système</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Tu es un assistant serviable.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Pénalité de répétition</translation>
    </message>
    <message>
        <source>Maximum reply length (tokens, -1: no limit)</source>
        <translation>Longueur maximale de la réponse (jetons, -1&#xa0;: sans limite)</translation>
    </message>
    <message>
        <source>Seed (-1: random)</source>
        <translation>Graine (-1&#xa0;: aléatoire)</translation>
    </message>
    <message>
        <source>Context length (tokens, 0: what the device allows)</source>
        <translation>Taille du contexte (jetons, 0&#xa0;: ce que permet l’appareil)</translation>
    </message>
    <message>
        <source>Think before answering</source>
        <translation>Réfléchir avant de répondre</translation>
    </message>
    <message>
        <source>The model writes its reasoning first (slower, often better on hard questions). Off: it answers at once.</source>
        <translation>Le modèle écrit d&apos;abord sa réflexion (plus lent, souvent meilleur sur les questions difficiles). Désactivé&#xa0;: il répond tout de suite.</translation>
    </message>
    <message>
        <source>Answer from my documents</source>
        <translation>Répondre à partir de mes documents</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer from the collection %1</source>
        <translation>Répondre à partir de la collection %1</translation>
    </message>
    <message>
        <source>Lexical search only (no embedding model installed): the question&apos;s words and their forms are looked for.</source>
        <translation>Recherche lexicale seulement (aucun modèle de plongement installé)&#xa0;: les mots de la question et leurs formes sont cherchés.</translation>
    </message>
    <message>
        <source>No collection of documents yet.</source>
        <translation>Aucune collection de documents pour le moment.</translation>
    </message>
    <message>
        <source>Manage documents…</source>
        <translation>Gérer les documents…</translation>
    </message>
    <message>
        <source>Open the documents page</source>
        <translation>Ouvrir la page Documents</translation>
    </message>
    <message>
        <source>Lexical search only: the embedding model %1 cannot be loaded (%2).</source>
        <translation>Recherche lexicale seulement&#xa0;: le modèle de plongement %1 ne peut pas être chargé (%2).</translation>
    </message>
    <message>
        <source>Lexical search only (no embedding model chosen in the Documents page): the question&apos;s words and their forms are looked for.</source>
        <translation>Recherche lexicale seulement (aucun modèle de plongement choisi dans la page Documents)&#xa0;: les mots de la question et leurs formes sont recherchés.</translation>
    </message>
    <message>
        <source>Hybrid search (words and meaning) with %1.</source>
        <translation>Recherche hybride (mots et sens) avec %1.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Close the documents page</source>
        <translation>Fermer la page Documents</translation>
    </message>
    <message>
        <source>A conversation answers from the collections switched on in its settings, citing the passages it used.</source>
        <translation>Une conversation répond à partir des collections activées dans ses réglages, en citant les passages utilisés.</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <source>New collection name</source>
        <translation>Nom de la nouvelle collection</translation>
    </message>
    <message>
        <source>Name of a new collection</source>
        <translation>Nom d’une nouvelle collection</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Create the collection</source>
        <translation>Créer la collection</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1&#xa0;: %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n illisible</numerusform>
            <numerusform>%n illisibles</numerusform>
        </translation>
    </message>
    <message>
        <source>No collection yet: name one above, then add folders or files to it.</source>
        <translation>Aucune collection pour le moment&#xa0;: nommez-en une ci-dessus, puis ajoutez-y des dossiers ou des fichiers.</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Add a folder to the collection</source>
        <translation>Ajouter un dossier à la collection</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>Add files to the collection</source>
        <translation>Ajouter des fichiers à la collection</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the collection %1</source>
        <translation>Retirer la collection %1</translation>
    </message>
    <message>
        <source>Folders and files (watched for changes)</source>
        <translation>Dossiers et fichiers (surveillés)</translation>
    </message>
    <message>
        <source>Remove %1 from the collection</source>
        <translation>Retirer %1 de la collection</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Progression de l’indexation</translation>
    </message>
    <message>
        <source>Indexing paused.</source>
        <translation>Indexation en pause.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume indexing</source>
        <translation>Reprendre l’indexation</translation>
    </message>
    <message>
        <source>Pause indexing</source>
        <translation>Mettre l’indexation en pause</translation>
    </message>
    <message>
        <source>Files of the collection</source>
        <translation>Fichiers de la collection</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: could not be read: %2</source>
        <translation>%1&#xa0;: illisible&#xa0;: %2</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>No file yet: add a folder or files (PDF, HTML, Markdown, text, ODT, DOCX).</source>
        <translation>Aucun fichier pour le moment&#xa0;: ajoutez un dossier ou des fichiers (PDF, HTML, Markdown, texte, ODT, DOCX).</translation>
    </message>
    <message>
        <source>Add a folder to “%1”</source>
        <translation>Ajouter un dossier à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>/home/me/Documents</source>
        <translation>/home/moi/Documents</translation>
    </message>
    <message>
        <source>Add files to “%1”</source>
        <translation>Ajouter des fichiers à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>/home/me/Documents/report.pdf</source>
        <translation>/home/moi/Documents/rapport.pdf</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.html *.htm *.md *.markdown *.txt *.odt *.docx)</source>
        <translation>Documents (*.pdf *.html *.htm *.md *.markdown *.txt *.odt *.docx)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Remove the collection?</source>
        <translation>Retirer la collection&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” and its index are removed. Your files stay where they are.</source>
        <translation>«&#xa0;%1&#xa0;» et son index sont retirés. Vos fichiers restent où ils sont.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Indexing “%1”: %2 of %3 files…</source>
        <translation>Indexation de «&#xa0;%1&#xa0;»&#xa0;: %2 fichiers sur %3…</translation>
    </message>
    <message>
        <source>Search by meaning with</source>
        <translation>Rechercher par le sens avec</translation>
    </message>
    <message>
        <source>None: lexical search only</source>
        <translation>Aucun&#xa0;: recherche lexicale seulement</translation>
    </message>
    <message>
        <source>Embedding model for documents</source>
        <translation>Modèle de plongement pour les documents</translation>
    </message>
    <message>
        <source>Lexical search only: the embedding model %1 cannot be loaded (%2).</source>
        <translation>Recherche lexicale seulement&#xa0;: le modèle de plongement %1 ne peut pas être chargé (%2).</translation>
    </message>
    <message>
        <source>Lexical search only (words and their French and English forms).</source>
        <translation>Recherche lexicale seulement (les mots et leurs formes en français et en anglais).</translation>
    </message>
    <message>
        <source>Hybrid search (words and meaning) with %1.</source>
        <translation>Recherche hybride (mots et sens) avec %1.</translation>
    </message>
    <message>
        <source>“%1”: the meaning of %2 of %3 passages computed…</source>
        <translation>«&#xa0;%1&#xa0;»&#xa0;: le sens de %2 passages sur %3 calculé…</translation>
    </message>
    <message>
        <source>Lexical search only (words and their French and English forms): no embedding model is installed. Install one from the Models page (its catalog) to search by meaning too.</source>
        <translation>Recherche lexicale seulement (les mots et leurs formes en français et en anglais)&#xa0;: aucun modèle de plongement n’est installé. Installez-en un depuis la page Modèles (son catalogue) pour rechercher aussi par le sens.</translation>
    </message>
</context>
<context>
    <name>DownloadsPanel</name>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Checking the partial file…</source>
        <translation>Vérification du fichier partiel…</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Network error, retrying in %1 s</source>
        <translation>Erreur réseau, nouvel essai dans %1 s</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Downloads (%1 in progress)</source>
        <translation>Téléchargements (%1 en cours)</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the download of %1</source>
        <translation>Mettre en pause le téléchargement de %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Try the download of %1 again</source>
        <translation>Relancer le téléchargement de %1</translation>
    </message>
    <message>
        <source>Resume the download of %1</source>
        <translation>Reprendre le téléchargement de %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the download of %1 and delete the partial file</source>
        <translation>Annuler le téléchargement de %1 et supprimer le fichier partiel</translation>
    </message>
    <message>
        <source>Remove %1 from the list</source>
        <translation>Retirer %1 de la liste</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Progression de %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>taille inconnue</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>reste %1</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Masquer les détails</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Hide the technical details</source>
        <translation>Masquer les détails techniques</translation>
    </message>
    <message>
        <source>Show the technical details</source>
        <translation>Afficher les détails techniques</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <source>Where to save the file (its full path):</source>
        <translation>Où enregistrer le fichier (son chemin complet)&#xa0;:</translation>
    </message>
    <message>
        <source>The file picker cannot open because a part of Qt is not installed (%1). Type the file&apos;s full path instead.</source>
        <translation>Le sélecteur de fichiers ne peut pas s’ouvrir, car une partie de Qt n’est pas installée (%1). Saisissez plutôt le chemin complet du fichier.</translation>
    </message>
    <message>
        <source>/home/me/Documents/conversation.md</source>
        <translation>/home/moi/Documents/conversation.md</translation>
    </message>
    <message>
        <source>/home/me/Models/model.gguf</source>
        <translation>/home/moi/Modèles/modele.gguf</translation>
    </message>
    <message>
        <source>Path of the file</source>
        <translation>Chemin du fichier</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>The folder picker cannot open because a part of Qt is not installed (%1). Type the folder&apos;s full path instead.</source>
        <translation>Le sélecteur de dossiers ne peut pas s’ouvrir, car une partie de Qt n’est pas installée (%1). Saisissez plutôt le chemin complet du dossier.</translation>
    </message>
</context>
<context>
    <name>FitBadge</name>
    <message>
        <source>Fits</source>
        <translation>Compatible</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>Limite</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>Trop gros</translation>
    </message>
    <message>
        <source>Fit unknown</source>
        <translation>Taille inconnue</translation>
    </message>
    <message>
        <source>The memory needed is unknown</source>
        <translation>La mémoire nécessaire est inconnue</translation>
    </message>
    <message>
        <source>Needs about %1 of %2 at %3 tokens of context%4</source>
        <translation>Nécessite environ %1 sur %2 avec un contexte de %3 jetons%4</translation>
    </message>
    <message>
        <source> (device memory unknown, assumed)</source>
        <translation> (mémoire graphique inconnue, valeur supposée)</translation>
    </message>
    <message>
        <source>Suggested context: %1 tokens</source>
        <translation>Contexte conseillé&#xa0;: %1 jetons</translation>
    </message>
    <message>
        <source>Even a short context does not fit</source>
        <translation>Même un contexte court ne tient pas</translation>
    </message>
    <message>
        <source>Fits with %1 layers of experts in system memory</source>
        <translation>Tient avec les experts de %1 couches en mémoire système</translation>
    </message>
    <message>
        <source>The experts of %1 layers stay in system memory, read by the GPU in place: it runs, more slowly</source>
        <translation>Les experts de %1 couches restent en mémoire système, lus sur place par le GPU&#xa0;: le modèle tourne, plus lentement</translation>
    </message>
</context>
<context>
    <name>InstalledTab</name>
    <message>
        <source>LM Studio folder</source>
        <translation>dossier de LM Studio</translation>
    </message>
    <message>
        <source>GPT4All folder</source>
        <translation>dossier de GPT4All</translation>
    </message>
    <message>
        <source>used in place</source>
        <translation>utilisé sur place</translation>
    </message>
    <message>
        <source>models folder</source>
        <translation>dossier des modèles</translation>
    </message>
    <message>
        <source>Scanning the models folder…</source>
        <translation>Analyse du dossier des modèles…</translation>
    </message>
    <message>
        <source>Models folder: %1</source>
        <translation>Dossier des modèles&#xa0;: %1</translation>
    </message>
    <message>
        <source>Import GGUF file…</source>
        <translation>Importer un fichier GGUF…</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>Importer un fichier GGUF</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Réanalyser</translation>
    </message>
    <message>
        <source>Scan the models folder again</source>
        <translation>Analyser à nouveau le dossier des modèles</translation>
    </message>
    <message>
        <source>No model installed yet. Download one from the catalog or import a GGUF file.</source>
        <translation>Aucun modèle installé pour le moment. Téléchargez-en un depuis le catalogue ou importez un fichier GGUF.</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Modèles installés</translation>
    </message>
    <message>
        <source>(loaded)</source>
        <translation>(chargé)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 parameters · context %4 · %5 on disk · %6</source>
        <translation>%1 · %2 · %3 paramètres · contexte %4 · %5 sur le disque · %6</translation>
    </message>
    <message>
        <source>chat template</source>
        <translation>modèle de conversation</translation>
    </message>
    <message>
        <source>no chat template</source>
        <translation>sans modèle de conversation</translation>
    </message>
    <message>
        <source>Found in the %1 · %2</source>
        <translation>Trouvé dans le %1 · %2</translation>
    </message>
    <message>
        <source>Unreadable: %1</source>
        <translation>Illisible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Architecture %1 is not yet supported</source>
        <translation>L&apos;architecture %1 n&apos;est pas encore prise en charge</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Charger</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Charger %1</translation>
    </message>
    <message>
        <source>Use in place</source>
        <translation>Utiliser sur place</translation>
    </message>
    <message>
        <source>Use %1 where it is</source>
        <translation>Utiliser %1 là où il se trouve</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation>Importer un modèle GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message>
        <source>Copy the file into the models folder, or use it where it is (it must then stay there)?</source>
        <translation>Copier le fichier dans le dossier des modèles, ou l&apos;utiliser là où il se trouve (il devra alors y rester)&#xa0;?</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the file into the models folder</source>
        <translation>Copier le fichier dans le dossier des modèles</translation>
    </message>
    <message>
        <source>Use the file where it is</source>
        <translation>Utiliser le fichier là où il se trouve</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Annuler l&apos;importation</translation>
    </message>
    <message>
        <source>Forget this model?</source>
        <translation>Oublier ce modèle&#xa0;?</translation>
    </message>
    <message>
        <source>Delete this model?</source>
        <translation>Supprimer ce modèle&#xa0;?</translation>
    </message>
    <message>
        <source>%1 will be removed from the list; the file stays where it is.</source>
        <translation>%1 sera retiré de la liste&#xa0;; le fichier reste là où il se trouve.</translation>
    </message>
    <message>
        <source>%1 will be deleted from the disk, freeing %2.</source>
        <translation>%1 sera supprimé du disque, ce qui libérera %2.</translation>
    </message>
    <message>
        <source>Confirm: remove %1</source>
        <translation>Confirmer&#xa0;: retirer %1</translation>
    </message>
    <message>
        <source>Keep the model</source>
        <translation>Garder le modèle</translation>
    </message>
    <message>
        <source>embedding model</source>
        <translation>modèle de plongement</translation>
    </message>
    <message>
        <source>Embedding model (for documents)</source>
        <translation>Modèle de plongement (pour les documents)</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Causerie</source>
        <translation>%1 — Causerie</translation>
    </message>
</context>
<context>
    <name>MessageBlocks</name>
    <message>
        <source>Writing a reply</source>
        <translation>Rédaction de la réponse</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Copy this code block</source>
        <translation>Copier ce bloc de code</translation>
    </message>
    <message>
        <source>Code: %1</source>
        <translation>Code&#xa0;: %1</translation>
    </message>
    <message>
        <source>This link cannot be opened: %1</source>
        <translation>Ce lien ne peut pas être ouvert&#xa0;: %1</translation>
    </message>
    <message>
        <source>Source %1: show it below</source>
        <translation>Source %1&#xa0;: l’afficher ci-dessous</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Modifier le message</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Annuler la modification</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Send the edited message</source>
        <translation>Envoyer le message modifié</translation>
    </message>
    <message>
        <source>The reply failed.</source>
        <translation>La réponse a échoué.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêtée.</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Version précédente</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 sur %2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Version suivante</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation>Copier le message</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit and send again as a new version</source>
        <translation>Modifier et renvoyer comme nouvelle version</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Write another version of this reply</source>
        <translation>Écrire une autre version de cette réponse</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete this message and what follows it</source>
        <translation>Supprimer ce message et ce qui le suit</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 (writing…)</source>
        <translation>%1 (en cours d’écriture…)</translation>
    </message>
    <message>
        <source>Message %1 of %2</source>
        <translation>Message %1 sur %2</translation>
    </message>
    <message>
        <source>Interrupted: the app was closed during this reply.</source>
        <translation>Interrompue&#xa0;: l’application a été fermée pendant cette réponse.</translation>
    </message>
    <message>
        <source>Cut at the length limit.</source>
        <translation>Coupée à la longueur maximale.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy used by this machine while writing the reply, measured from: %1. CO₂e estimated at %2 gCO₂e/kWh (the setting).</source>
        <translation>Énergie consommée par cette machine pendant l&apos;écriture de la réponse, mesurée par&#xa0;: %1. Équivalent CO₂ estimé à %2 g éq. CO₂/kWh (le réglage).</translation>
    </message>
    <message>
        <source>Searching your documents…</source>
        <translation>Recherche dans vos documents…</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Hide the excerpt</source>
        <translation>Masquer l’extrait</translation>
    </message>
    <message>
        <source>Show the excerpt</source>
        <translation>Afficher l’extrait</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, page %2</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open %1 at page %2</source>
        <translation>Ouvrir %1 à la page %2</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>%1 · collection “%2”</source>
        <translation>%1 · collection «&#xa0;%2&#xa0;»</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>[image from %2, not loaded: %1]</source>
        <translation>[image de %2, non chargée&#xa0;: %1]</translation>
    </message>
    <message>
        <source>[image not loaded: %1]</source>
        <translation>[image non chargée&#xa0;: %1]</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Choisir un modèle</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modèle&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reload %1</source>
        <translation>Recharger %1</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Ouvrir un fichier GGUF…</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Ouvrir un modèle GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Charger %1</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Gérer les modèles…</translation>
    </message>
    <message>
        <source>Model: %1 (remote)</source>
        <translation>Modèle&#xa0;: %1 (distant)</translation>
    </message>
    <message>
        <source>☁ %1 — %2 (remote)</source>
        <translation>☁ %1 — %2 (distant)</translation>
    </message>
    <message>
        <source>Use %1 on %2 (remote)</source>
        <translation>Utiliser %1 sur %2 (distant)</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Close the models page</source>
        <translation>Fermer la page des modèles</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Catalog of recommended models</source>
        <translation>Catalogue des modèles recommandés</translation>
    </message>
    <message>
        <source>Installed (%1)</source>
        <translation>Installés (%1)</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Modèles installés</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>Rechercher sur Hugging Face</translation>
    </message>
</context>
<context>
    <name>ReasoningBlock</name>
    <message>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>Réflexion de %1&#xa0;s</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Réflexion</translation>
    </message>
    <message>
        <source>%1, shown: hide the reasoning</source>
        <translation>%1, affichée&#xa0;: masquer la réflexion</translation>
    </message>
    <message>
        <source>%1, hidden: show the reasoning</source>
        <translation>%1, masquée&#xa0;: afficher la réflexion</translation>
    </message>
    <message>
        <source>Reasoning: %1</source>
        <translation>Réflexion&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>Result in %1</source>
        <translation>Résultat dans %1</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>Search Hugging Face for GGUF models (e.g. qwen 2.5)</source>
        <translation>Rechercher des modèles GGUF sur Hugging Face (par ex. qwen 2.5)</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>Rechercher sur Hugging Face</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Server: %1 (change it in the settings to use a mirror)</source>
        <translation>Serveur&#xa0;: %1 (modifiable dans les paramètres pour utiliser un miroir)</translation>
    </message>
    <message>
        <source>Repositories found</source>
        <translation>Dépôts trouvés</translation>
    </message>
    <message>
        <source>Search results appear here.</source>
        <translation>Les résultats de la recherche s&apos;affichent ici.</translation>
    </message>
    <message>
        <source>Show the files of %1</source>
        <translation>Afficher les fichiers de %1</translation>
    </message>
    <message>
        <source>%1 downloads · %2 likes</source>
        <translation>%1 téléchargements · %2 mentions « j’aime »</translation>
    </message>
    <message>
        <source>GGUF files</source>
        <translation>Fichiers GGUF</translation>
    </message>
    <message>
        <source>GGUF files of %1</source>
        <translation>Fichiers GGUF de %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Recommended quantization</source>
        <translation>Quantification recommandée</translation>
    </message>
    <message>
        <source>Split file</source>
        <translation>Fichier découpé</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Télécharger %1</translation>
    </message>
</context>
<context>
    <name>ServerSection</name>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Serve the loaded model over the OpenAI API</source>
        <translation>Servir le modèle chargé par l’API OpenAI</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Port of the server (0: any free port)</source>
        <translation>Port du serveur (0&#xa0;: un port libre)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>set (type a new one to change it)</source>
        <translation>définie (saisissez-en une autre pour la changer)</translation>
    </message>
    <message>
        <source>none: any program on this computer may use it</source>
        <translation>aucune&#xa0;: tout programme de cet ordinateur peut s’en servir</translation>
    </message>
    <message>
        <source>API key the clients must send (kept in the system keyring)</source>
        <translation>Clé d’API que les clients doivent envoyer (gardée dans le trousseau système)</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Retirer la clé</translation>
    </message>
    <message>
        <source>Set the key</source>
        <translation>Enregistrer la clé</translation>
    </message>
    <message>
        <source>Allow other computers (listen on every network interface)</source>
        <translation>Autoriser les autres ordinateurs (écoute sur toutes les interfaces réseau)</translation>
    </message>
    <message>
        <source>Listening on %1 (model name: %2)</source>
        <translation>À l’écoute sur %1 (nom du modèle&#xa0;: %2)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Arrêté</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Dossier des données&#xa0;: %1</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Niveau de journalisation</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informations</translation>
    </message>
    <message>
        <source>Debugging</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the settings</source>
        <translation>Fermer les paramètres</translation>
    </message>
    <message>
        <source>GPU device</source>
        <translation>Processeur graphique</translation>
    </message>
    <message>
        <source>Automatic (the best device)</source>
        <translation>Automatique (le meilleur disponible)</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modèle par défaut</translation>
    </message>
    <message>
        <source>none (choose one in the model picker)</source>
        <translation>aucun (choisissez-en un dans le sélecteur de modèle)</translation>
    </message>
    <message>
        <source>Default model: %1</source>
        <translation>Modèle par défaut&#xa0;: %1</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <source>Do not load a model at start</source>
        <translation>Ne charger aucun modèle au démarrage</translation>
    </message>
    <message>
        <source>Model catalog address</source>
        <translation>Adresse du catalogue de modèles</translation>
    </message>
    <message>
        <source>https://… (the built-in catalog when empty)</source>
        <translation>https://… (le catalogue intégré si vide)</translation>
    </message>
    <message>
        <source>Hugging Face server</source>
        <translation>Serveur Hugging Face</translation>
    </message>
    <message>
        <source>Hugging Face server (or a mirror)</source>
        <translation>Serveur Hugging Face (ou un miroir)</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <source>Electricity carbon intensity</source>
        <translation>Intensité carbone de l’électricité</translation>
    </message>
    <message>
        <source>Electricity carbon intensity, in grams of CO₂ equivalent per kilowatt-hour</source>
        <translation>Intensité carbone de l&apos;électricité, en grammes d&apos;équivalent CO₂ par kilowattheure</translation>
    </message>
    <message>
        <source>gCO₂e/kWh, for the estimate shown with each reply&apos;s energy (France: 57)</source>
        <translation>g éq. CO₂/kWh, pour l&apos;estimation affichée avec l&apos;énergie de chaque réponse (France&#xa0;: 57)</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Plus ancien</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>New chat (Ctrl+N)</source>
        <translation>Nouvelle conversation (Ctrl+N)</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Commencer une nouvelle conversation (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>Rechercher dans les messages</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>No message matches</source>
        <translation>Aucun message ne correspond</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Aucune conversation pour le moment</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Renommer la conversation</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>Nouveau titre</translation>
    </message>
    <message>
        <source>Delete conversation?</source>
        <translation>Supprimer la conversation&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” and all its messages will be deleted. This cannot be undone.</source>
        <translation>« %1 » et tous ses messages seront supprimés. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete the conversation</source>
        <translation>Supprimer la conversation</translation>
    </message>
    <message>
        <source>Import a conversation…</source>
        <translation>Importer une conversation…</translation>
    </message>
    <message>
        <source>Import a conversation from a JSON export</source>
        <translation>Importer une conversation depuis un export JSON</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>Exporter la conversation</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Fichiers Markdown (*.md)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>Importer une conversation</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Models: catalog, installed models and downloads</source>
        <translation>Modèles&#xa0;: catalogue, modèles installés et téléchargements</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Documents: the collections conversations answer from</source>
        <translation>Documents&#xa0;: les collections dont les conversations se servent pour répondre</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to Causerie</source>
        <translation>Bienvenue dans Causerie</translation>
    </message>
    <message>
        <source>A local model is a language model that runs on this computer: your conversations never leave it, and it keeps working offline. Choose one to start.</source>
        <translation>Un modèle local est un modèle de langage qui tourne sur cet ordinateur&#xa0;: vos conversations n’en sortent jamais, et il fonctionne hors ligne. Choisissez-en un pour commencer.</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Sur cet ordinateur</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>Suggested for this computer</source>
        <translation>Suggérés pour cet ordinateur</translation>
    </message>
    <message>
        <source>Suggested (the memory of this computer&apos;s GPU is unknown: sizes are a guide)</source>
        <translation>Suggérés (la mémoire du processeur graphique de cet ordinateur est inconnue&#xa0;: les tailles sont indicatives)</translation>
    </message>
    <message>
        <source>%1 · %2%3 to download</source>
        <translation>%1 · %2%3 à télécharger</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Télécharger %1</translation>
    </message>
    <message>
        <source>Download of %1: %2</source>
        <translation>Téléchargement de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>I already have GGUF files…</source>
        <translation>J’ai déjà des fichiers GGUF…</translation>
    </message>
    <message>
        <source>Import GGUF files I already have</source>
        <translation>Importer des fichiers GGUF que j’ai déjà</translation>
    </message>
    <message>
        <source>All models…</source>
        <translation>Tous les modèles…</translation>
    </message>
    <message>
        <source>Open the Models page</source>
        <translation>Ouvrir la page Modèles</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Ouvrir un modèle GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>causerie::gui::AppController</name>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>Impossible de charger %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 · template %2 · context %3 tokens · %4</source>
        <translation>%1 · modèle de conversation %2 · contexte de %3 jetons · %4</translation>
    </message>
    <message>
        <source>Cannot export the conversation: %1</source>
        <translation>Impossible d&apos;exporter la conversation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>Impossible d&apos;importer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 tokens of context take %2 of device memory (%3 with the weights, of %4)</source>
        <translation>%1 jetons de contexte occupent %2 de mémoire graphique (%3 avec les poids, sur %4)</translation>
    </message>
    <message>
        <source>; the model was trained on %1 tokens, it will be used up to there</source>
        <translation>&#xa0;; le modèle a été entraîné sur %1 jetons, il servira jusque-là</translation>
    </message>
    <message>
        <source>: too much for this device</source>
        <translation>&#xa0;: trop pour cet appareil</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 o</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 ko</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
    </message>
    <message>
        <source>%1 TB</source>
        <translation>%1 To</translation>
    </message>
    <message>
        <source>remote model · %1 · %2</source>
        <translation>modèle distant · %1 · %2</translation>
    </message>
    <message>
        <source>%1 mWh</source>
        <translation>%1 mWh</translation>
    </message>
    <message>
        <source>%1 Wh</source>
        <translation>%1 Wh</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 mg CO₂e</source>
        <translation>%1 mg éq. CO₂</translation>
    </message>
    <message>
        <source>%1 g CO₂e</source>
        <translation>%1 g éq. CO₂</translation>
    </message>
    <message>
        <source>%1 kg CO₂e</source>
        <translation>%1 kg éq. CO₂</translation>
    </message>
    <message>
        <source>%1 is an embedding model (for documents), not a chat model: choose it in the Documents page.</source>
        <translation>%1 est un modèle de plongement (pour les documents), pas un modèle de conversation&#xa0;: choisissez-le dans la page Documents.</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ChatController</name>
    <message>
        <source>Load a model first: choose one in the model picker at the top.</source>
        <translation>Chargez d&apos;abord un modèle&#xa0;: choisissez-en un dans le sélecteur en haut.</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>La réponse a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The documents could not be searched: %1</source>
        <translation>La recherche dans les documents a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ConnectionsController</name>
    <message>
        <source>The address must be an http:// or https:// URL, such as http://127.0.0.1:8080/v1.</source>
        <translation>L’adresse doit être une URL http:// ou https://, par exemple http://127.0.0.1:8080/v1.</translation>
    </message>
    <message>
        <source>A connection named %1 exists already.</source>
        <translation>Une connexion nommée %1 existe déjà.</translation>
    </message>
</context>
<context>
    <name>causerie::gui::DocumentsController</name>
    <message>
        <source>There is already a collection named “%1”.</source>
        <translation>Une collection nommée «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>“%1”: %2 added, %3 updated, %4 unchanged, %5 removed, %6 unreadable; %7 written.</source>
        <translation>«&#xa0;%1&#xa0;»&#xa0;: %2 ajoutés, %3 mis à jour, %4 inchangés, %5 retirés, %6 illisibles&#xa0;; %7 écrits.</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) given their meaning&apos;s vector by %1.</source>
        <translation>
            <numerusform>%n passage reçoit le vecteur de son sens de %1.</numerusform>
            <numerusform>%n passages reçoivent le vecteur de leur sens de %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>causerie::gui::ModelsController</name>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>not enough disk space in %1: %2 needed, %3 free</source>
        <translation>espace disque insuffisant dans %1&#xa0;: %2 nécessaires, %3 libres</translation>
    </message>
    <message>
        <source>the file is corrupt (SHA-256 expected %1, got %2); it was deleted</source>
        <translation>le fichier est corrompu (SHA-256 attendu %1, obtenu %2)&#xa0;; il a été supprimé</translation>
    </message>
    <message>
        <source>%1; gave up after %2 attempts</source>
        <translation>%1&#xa0;; abandon après %2 tentatives</translation>
    </message>
    <message>
        <source>connection closed at byte %1 of %2</source>
        <translation>connexion fermée à l&apos;octet %1 sur %2</translation>
    </message>
    <message>
        <source>the server answered HTTP %1 (%2)</source>
        <translation>le serveur a répondu HTTP %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is already installed</source>
        <translation>%1 est déjà installé</translation>
    </message>
    <message>
        <source>%1 is already in the download queue</source>
        <translation>%1 est déjà dans la file de téléchargement</translation>
    </message>
    <message>
        <source>not a usable GGUF file (%1); it was deleted</source>
        <translation>fichier GGUF inutilisable (%1)&#xa0;; il a été supprimé</translation>
    </message>
    <message>
        <source>not a usable GGUF file: %1</source>
        <translation>fichier GGUF inutilisable&#xa0;: %1</translation>
    </message>
    <message>
        <source>size mismatch: %1 bytes written, %2 expected</source>
        <translation>taille incorrecte&#xa0;: %1 octets écrits, %2 attendus</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1&#xa0;: fichier introuvable</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Hugging Face answered HTTP %1 for %2</source>
        <translation>Hugging Face a répondu HTTP %1 pour %2</translation>
    </message>
    <message>
        <source>Hugging Face: %1</source>
        <translation>Hugging Face&#xa0;: %1</translation>
    </message>
    <message>
        <source>no installed model &apos;%1&apos;</source>
        <translation>aucun modèle installé « %1 »</translation>
    </message>
    <message>
        <source>The models database cannot be opened: %1</source>
        <translation>La base de données des modèles ne peut pas être ouverte&#xa0;: %1</translation>
    </message>
    <message>
        <source>The catalog cannot be refreshed (the last copy is shown): %1</source>
        <translation>Le catalogue ne peut pas être actualisé (la dernière copie est affichée)&#xa0;: %1</translation>
    </message>
    <message>
        <source>No catalog address is set (see the settings): the built-in catalog is shown.</source>
        <translation>Aucune adresse de catalogue n&apos;est définie (voir les paramètres)&#xa0;: le catalogue intégré est affiché.</translation>
    </message>
    <message>
        <source>The catalog address is not a valid URL: %1</source>
        <translation>L&apos;adresse du catalogue n&apos;est pas une URL valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>No such model in the catalog: %1</source>
        <translation>Modèle absent du catalogue&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 is not supported yet</source>
        <translation>%1 n&apos;est pas encore pris en charge</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>Impossible de télécharger %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>La recherche a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The files of %1 cannot be listed: %2</source>
        <translation>Les fichiers de %1 ne peuvent pas être listés&#xa0;: %2</translation>
    </message>
    <message>
        <source>Copying %1 into the models folder…</source>
        <translation>Copie de %1 dans le dossier des modèles…</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>Impossible d&apos;importer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is installed</source>
        <translation>%1 est installé</translation>
    </message>
    <message>
        <source>Cannot delete the model: %1</source>
        <translation>Impossible de supprimer le modèle&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 was removed</source>
        <translation>%1 a été retiré</translation>
    </message>
    <message>
        <source>No Internet connection, or the server cannot be reached: the catalog, the search and the downloads need one. Local models keep working.</source>
        <translation>Pas de connexion à Internet, ou le serveur est injoignable&#xa0;: le catalogue, la recherche et les téléchargements en ont besoin. Les modèles locaux continuent de fonctionner.</translation>
    </message>
    <message>
        <source>Catalog up to date: %1, %2</source>
        <translation>Catalogue à jour&#xa0;: %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n models</source>
        <translation>
            <numerusform>%n modèle</numerusform>
            <numerusform>%n modèles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n nouveau</numerusform>
            <numerusform>%n nouveaux</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>causerie::gui::RemoteEngine</name>
    <message>
        <source>connection refused by %1 (is the server running?)</source>
        <translation>connexion refusée par %1 (le serveur est-il lancé&#xa0;?)</translation>
    </message>
    <message>
        <source>the host %1 is not found</source>
        <translation>l’hôte %1 est introuvable</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP %2)</source>
        <translation>%1 a refusé la clé d’API (HTTP %2)</translation>
    </message>
    <message>
        <source>not found at %1: no such model, or a wrong base URL</source>
        <translation>introuvable sur %1&#xa0;: modèle inconnu, ou URL de base erronée</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 n’a pas répondu à temps</translation>
    </message>
    <message>
        <source>the stream from %1 was cut before its end; the partial reply is kept</source>
        <translation>le flux de %1 a été coupé avant la fin&#xa0;; la réponse partielle est gardée</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 a répondu HTTP %2</translation>
    </message>
    <message>
        <source>%1 reported an error</source>
        <translation>%1 a signalé une erreur</translation>
    </message>
    <message>
        <source>%1 does not answer as an OpenAI-compatible server</source>
        <translation>%1 ne répond pas comme un serveur compatible OpenAI</translation>
    </message>
    <message>
        <source>no remote endpoint is chosen</source>
        <translation>aucun point d’accès distant n’est choisi</translation>
    </message>
</context>
<context>
    <name>causerie::gui::ServerController</name>
    <message>
        <source>This engine cannot serve its model.</source>
        <translation>Ce moteur ne peut pas servir son modèle.</translation>
    </message>
    <message>
        <source>The server cannot listen on port %1 (is it in use?).</source>
        <translation>Le serveur ne peut pas écouter sur le port %1 (est-il déjà utilisé&#xa0;?).</translation>
    </message>
</context>
</TS>

"""The words that carry intent, per language, and how they decide a reading.

No library reads sales-reply intent in six languages (the multilingual classifiers
want model weights we cannot ship, and would not explain themselves), so these cue
lists are ours. They are written as the grammar of each intent (a request to stop
contact, a refusal, a deferral, a request for a call, a request for the offer, doubt),
not as sentences from our corpus, and matched on text folded to lower case without
accents. Every language's cues are tried on every message: a Spanish reply with an
English word, or a language guessed wrong on three words, is still read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_COMBINING = re.compile(r"[\u0300-\u036f]")
_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, accents off, one kind of apostrophe, one space between words."""
    return " ".join(_COMBINING.sub("", unicodedata.normalize("NFKD", text.lower())).translate(_MARKS).split())


@lru_cache(maxsize=64)  # the sentences of the message being read
def fold_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, where it came from in `text` (so the
    words that decided can be quoted as the person wrote them)."""
    out: list[str] = []
    where: list[int] = []
    space = True
    chars = _CHARS
    for i, ch in enumerate(text):
        folded = chars.get(ch)
        if folded is None:
            folded = chars[ch] = " " if ch.isspace() else "".join(
                c for c in unicodedata.normalize("NFKD", ch.lower()) if not unicodedata.combining(c)).translate(_MARKS)
        if folded == " ":
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        if len(folded) == 1:
            out.append(folded)
            where.append(i)
        else:
            out.extend(folded)
            where.extend([i] * len(folded))
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


_CHARS: dict[str, str] = {}


def original(text: str, where: list[int], start: int, end: int) -> str:
    """The words of `text` behind folded[start:end]."""
    if not where or start >= len(where):
        return ""
    return text[where[start]: where[min(end, len(where)) - 1] + 1]


def _c(patterns: dict[str, list[str]]) -> dict[str, re.Pattern]:
    # Longer cues first, so the words quoted as evidence are the fullest ("bel me", not "bel").
    return {lang: re.compile(r"(?<![\w])(?:" + "|".join(sorted(ps, key=len, reverse=True)) + r")(?![\w])")
            for lang, ps in patterns.items()}


# Asked us to stop contacting them (opt out: suppression, never contacted again).
OPT_OUT = _c({
    "en": [r"(?:don't|do not) want to hear (?:from|about) (?:you|your company)",
           r"never (?:contact|email|e-mail|call|text|message|write to) (?:me|us|this address|this number) again", r"no more (?:emails|e-mails|messages|calls|texts)",
           r"(?:like|want|need|ask) you to stop", r"(?:please )?stop now",
           r"forget (?:my|our) (?:number|email|address|details)", r"lose my number",
           "(?:rather|prefer) not (?:to )?(?:receive|get|be contacted|hear)",
           "wrong (?:number|person|email|address)", "stop (?:please|pls|plz)",
           "stop (?:with )?(?:the|these|your) (?:emails|e-mails|calls|texts|messages)",
           "remove (?:this|my|our|the) (?:e-?mail )?(?:address|email|contact|number)", "(?:off|from) (?:your|the) (?:mailing |distribution |contact |marketing )?(?:list|database)", "unsolicited",
           "unsubscribe me", "(?:take|remove|delete) (?:me|us|my (?:address|email|number|details)) (?:from|off)", "i want off", "(?:don\'t|do not) want to (?:hear from|be contacted|receive)", "lose my (?:number|email|details)", "cease and desist", "this is spam", "stop spamming", "gdpr",
           r"unsubscribe\w*", r"opt(?:-| )?(?:me )?out", r"remove (?:me|us|my (?:e-?mail|email address|address|details|number|name|data|info\w*))",
           r"take (?:me|us|my \w+) off", r"off (?:your|the) (?:mailing )?list",
           r"(?:stop|quit|cease) (?:e-?mailing|emailing|contacting|messaging|texting|calling|writing|sending|bothering|spamming|pestering|harass\w*)",
           r"(?:do not|don't|dont|never|please don't|please do not) (?:ever )?(?:contact|e-?mail|email|call|text|message|write to|bother|reach out to) (?:me|us)",
           r"no (?:more|further) (?:e-?mails|emails|messages|calls|texts|contact)",
           r"(?:don't|do not|dont) (?:want|wish) (?:to (?:receive|get|hear)|any) (?:any )?(?:more|further)",
           r"leave me alone", r"(?:delete|erase|remove|purge) (?:all )?(?:my|our) (?:details|data|information|info|contact\w*|number|email|e-mail)",
           r"not (?:to )?(?:contact|email|e-mail|call) me (?:again|anymore|any more)", r"stop it", r"please stop"],
    "de": [r"nichts mehr von (?:ihnen|euch) (?:horen|lesen)", r"(?:kontaktieren|schreiben|mailen|anrufen|rufen) sie (?:\w+ ){0,3}nie wieder", r"keine (?:e-?mails|mails|nachrichten|anrufe) mehr",
           r"(?:damit|mit (?:den|diesen|ihren) \w+) aufhoren",
           r"(?:melden|tragen) sie (?:mich|uns) (?:\w+ )?(?:ab|aus)", r"(?:kontaktieren|schreiben|mailen|anrufen|rufen|simsen|schicken|belastigen) sie (?:mir|mich|uns)(?: \w+){0,2} nicht mehr",
           r"tragen sie (?:mich|uns) (?:\w+ )?aus",
           r"vergessen sie (?:meine|mich)",
           "falsche (?:nummer|person|adresse)", "(?:bitte )?nicht mehr (?:schreiben|anrufen|mailen|simsen)",
           "(?:horen sie|hort) (?:bitte )?auf mit", "(?:loschen|entfernen) sie (?:bitte )?(?:meine|unsere) (?:nummer|telefonnummer|adresse|e-?mail\\w*|daten|kontaktdaten)",
           "nicht (?:mehr|weiter|wieder|erneut) (?:\\w+ )?(?:zu )?(?:kontaktieren|anzuschreiben|anzurufen|anschreiben|anrufen|schreiben|mailen|belastigen|kontaktiert|angeschrieben|angerufen)",
           "streichen sie (?:mich|meine)", "nehmen sie mich (?:aus|von)", "unterlassen sie", "keine werbung", "widerspreche", "dsgvo", "(?:will|mochte|mochten|wollen) (?:keine|nicht mehr|nicht weiter)\\w* (?:\\w+ )?(?:kontaktiert|angeschrieben|angerufen|belastigt|e-?mails|mails|nachrichten|anrufe)",
           r"abmelden", r"abbestellen", r"austragen", r"abmeldung",
           r"(?:aus|von) (?:ihrem|ihrer|dem|der|eurem|eurer) (?:verteiler|liste|mailingliste|newsletter|datenbank|kartei|adressliste|system)",
           r"nicht (?:mehr|weiter|wieder) (?:zu )?(?:kontaktieren|anschreiben|anrufen|schreiben|belastigen|mailen|kontaktiert|angeschrieben|angerufen)",
           r"(?:keine|keinerlei) (?:weiteren |weitere )?(?:e-?mails|mails|nachrichten|sms|anrufe|werbung|kontaktaufnahmen?)(?: mehr)?(?: (?:schicken|senden|erhalten|bekommen))?",
           r"horen sie (?:bitte )?auf", r"hor (?:bitte )?auf", r"lassen sie mich (?:bitte )?in ruhe",
           r"stopp", r"(?:loschen|entfernen) sie (?:bitte )?(?:meine|unsere|mich)", r"meine (?:daten|adresse|nummer|kontaktdaten) (?:zu )?(?:loschen|entfernen)"],
    "fr": [r"(?:ne veux|ne souhaite|ne voulons) plus entendre parler de", r"effacez(?:-moi| mes| mon)",
           r"plus jamais (?:de (?:mails|messages|appels)|me contacter)", r"ne (?:me|nous) (?:contactez|ecrivez|appelez) plus jamais",
           r"(?:que vous|d')arret(?:ez|er) (?:de|vos|ces)",
           r"(?:merci de )?m'oublier", r"oubliez(?:-moi| mon numero| mes coordonnees)",
           "ne plus (?:m\'|nous )(?:ecrire|appeler|contacter|envoyer|relancer|solliciter)",
           "(?:mauvais|faux) numero", "(?:erreur|mauvaise) (?:de )?personne", "arretez (?:svp|s\'il vous plait)",
           "(?:supprimez|supprimer|retirez|retirer|effacez|effacer|enlevez|enlever) (?:mon|mes|notre|nos) (?:numero|adresse|e-?mail|coordonnees|donnees|contact)\\w*",
           "ne plus (?:me|nous) (?:solliciter|contacter|relancer|ecrire|appeler|envoyer|deranger)", "ne (?:m\'|me |nous )?(?:solicitez|sollicitez|derangez|relancez|envoyez|ecrivez|appelez|contactez) plus", "(?:je|nous) ne (?:veux|voulons|souhaite|souhaitons) plus (?:recevoir|etre)", "retirez (?:mon|notre) (?:adresse|numero|contact)", "rgpd",
           r"desabonn\w*", r"desinscri\w*", r"(?:retirer|retirez|supprimer|supprimez|enlever|enlevez|rayer|rayez)(?:-moi)? (?:de|moi de|mon adresse de) (?:votre|vos|la|cette) (?:liste|fichier|base|envois)\w*",
           r"(?:retirez|supprimez|enlevez|rayez)-moi", r"ne (?:plus )?m'(?:ecrivez|appelez|envoyez|contactez|relancez)(?: plus)?", r"ne me (?:contactez|relancez|rappelez|recontactez) plus",
           r"ne (?:plus|pas) (?:etre|m'etre) (?:contacte|recontacte|sollicite)\w*", r"(?:arretez|cessez|arrete|arreter) (?:de (?:m'|me |nous )?\w+|vos|svp|s'il)\w*",
           r"plus (?:de|aucun) (?:mails?|e-mails?|messages?|sms|appels?)", r"(?:supprimer|supprimez|effacer|effacez) (?:mes|nos) (?:coordonnees|donnees)",
           r"laissez-moi tranquille", r"stop (?:svp|s'il vous plait|merci)"],
    "es": [r"no quiero saber nada (?:mas )?de", r"no mas (?:correos|mensajes|llamadas|emails|whatsapps?)", r"no vuelvan a (?:escribir|llamar|contactar)\w*",
           r"(?:dejen|deje|deja|dejad) de (?:llamar|escribir|enviar|mandar|contactar|molestar)\w*",
           r"(?:quitadme|sacadme|borradme|quitame|sacame|quitenos|quitadnos) de",
           r"olvid(?:ense|ate|en) de (?:mi|mis)",
           "numero equivocado", "(?:persona|correo) equivocad[oa]", "no (?:escriban|llamen|envien|manden|contacten|escribas|llames) mas",
           "(?:borra|borre|borren|borrar|elimina|elimine|eliminen|eliminar|quita|quite|quiten|quitar) (?:mi|mis) (?:numero|correo|email|e-mail|telefono|contacto|datos)", "no quiero (?:recibir )?mas (?:mensajes|correos|emails|llamadas|whatsapps?)",
           "no (?:me|nos) (?:vuelvan a|vuelvas a) \\w+", "no (?:me|nos) (?:manden|envien|escriban|llamen|contacten) mas", "no quiero (?:que me (?:escriban|llamen|contacten)|recibir mas)", "(?:saquenme|sacame|quitenme) de", "rgpd", "no vuelvan a (?:escribir|llamar|contactar)\\w*",
           r"dar(?:me|nos|se)? de baja", r"de baja",
           r"(?:eliminen|elimineme|eliminenme|borren|borrenme|quiten|quitenme|saquen|saquenme|eliminar|borrar)(?:me)? (?:de (?:su|la|sus|vuestra) (?:lista|base)|mis datos|mi (?:correo|numero|email))",
           r"(?:eliminenme|borrenme|quitenme|saquenme)", r"(?:borren|eliminen|borrar|eliminar) mis datos",
           r"no (?:me|nos) (?:vuelva[ns]? a |vuelvas a )?(?:escriba[ns]?|llame[ns]?|contacte[ns]?|envie[ns]?|mande[ns]?|escribas|llames|molest\w+)(?: mas)?",
           r"(?:dejen|deje|deja) de (?:enviar|escribir|llamar|mandar|molestar|contactar)\w*", r"no quiero (?:recibir|que me) \w+",
           r"no (?:me|nos) (?:escriban|llamen|contacten) mas"],
    "pt": [r"nao me (?:manda|mande|envia|envie|liga|ligue) mais",
           r"nao quero mais ouvir falar de", r"(?:me )?apaguem", r"chega de (?:e-?mails|mensagens|ligacoes|contatos)",
           r"nunca mais (?:me )?(?:liguem|mandem|escrevam|contatem|contactem)", r"nao quero (?:mais )?saber de",
           r"nao me (?:escreva|escrevam|contate|contatem|contacte|contactem|ligue|liguem|mande|mandem|envie|enviem|procure|procurem) (?:nunca )?mais",
           r"esque(?:cam|ca|cer) (?:o )?(?:meu|de mim|o meu) ?(?:numero|contato|contacto|e-?mail)?",
           "nao (?:\\w+ )?(?:entr\\w+|entrem) mais em contato", "nao (?:me )?(?:contat|contact)\\w+ mais",
           "numero errado", "pessoa errada", "nao (?:mandem|enviem|liguem|escrevam|mande|envie|ligue) mais",
           "nao quero (?:receber )?mais (?:mensagens?|e-?mails?|ligacoes|contato|contacto)", "(?:apaguem|apague|apagar|excluam|exclua|excluir|removam|remova|remover) (?:o )?(?:meu|meus) (?:numero|contato|contacto|dados|e-?mail)",
           "nao (?:me|nos) (?:liguem|mandem|enviem|procurem|contactem|contatem|escrevam) mais", "(?:me|nos) tirem da", "tirem (?:o )?meu", "lgpd", "rgpd", "nao quero (?:mais )?(?:ser contactad\\w+|ser contatad\\w+|receber|que me liguem)",
           r"descadastr\w*", r"cancelar (?:a )?(?:minha )?inscricao", r"(?:remover|removam|remova|retirem|retire|tirem|excluam|exclua|apaguem|apague|eliminem)(?: o)? (?:meu|meus|o meu|os meus|minha) (?:e-?mail|contacto|contato|dados|numero|telefone|endereco)",
           r"(?:da|de sua|da vossa|da sua) (?:lista|base de dados)", r"nao (?:quero|queremos|desejo) (?:mais )?(?:receber|ser contactad\w|ser contatad\w)",
           r"(?:parem|pare|para|deixem|deixe) de (?:me )?(?:mandar|enviar|ligar|escrever|contactar|contatar|incomodar)\w*",
           r"nao me (?:liguem|mandem|enviem|contactem|contatem|escrevam|procurem) mais", r"sair da lista"],
    "nl": [r"niets meer van (?:jullie|u) (?:horen|lezen|ontvangen)",
           r"nooit meer (?:contact|mailen|bellen|berichten)", r"geen (?:e-?mails|mails|berichten|telefoontjes) meer",
           r"schrijf (?:me|mij|ons) (?:\w+ )?uit", r"neem (?:nooit|niet) (?:meer )?contact (?:met (?:mij|me|ons) )?op", r"neem (?:nooit|niet) meer contact", r"(?:mail|bel|app|sms|sms't) (?:me|mij|ons) (?:\w+ )?niet meer",
           r"verwijder (?:mijn|onze) (?:nummer|telefoonnummer|gegevens|adres|e-?mailadres)", r"vergeet (?:mijn|me)",
           "niet meer (?:\\w+ ){0,2}(?:gebeld|gemaild|benaderd|gecontacteerd|lastiggevallen) (?:te )?(?:worden|word)",
           "verkeerd (?:nummer|persoon|adres)", "stop (?:alsjeblieft|alstublieft|aub|a\\.u\\.b\\.)",
           "stop (?:met|nu met) (?:het )?(?:mailen|bellen|sturen|appen|berichten|sms\\w*|contact)",
           "(?:ik|wij|we) (?:wil|willen) niet (?:meer|langer) (?:\\w+ )?(?:gebeld|gemaild|benaderd|gecontacteerd|lastiggevallen)", "haal (?:mijn|onze) (?:gegevens|nummer|adres|e-?mail\\w*) (?:uit|van)", "wil geen (?:e-?mails|mails|berichten|telefoontjes) meer", "avg",
           r"afmelden", r"uitschrijven", r"(?:verwijder|haal) (?:mij|me|ons|mijn (?:gegevens|adres|nummer|e-?mail\w*)) (?:uit|van)",
           r"verwijder (?:mijn|onze) (?:gegevens|adres|e-?mailadres)", r"niet (?:meer|langer) (?:te )?(?:mailen|bellen|benaderen|benaderd|contacteren|gecontacteerd|sturen|lastigvallen|lastig vallen|appen)",
           r"geen (?:e-?mails|mails|berichten|sms(?:jes)?|telefoontjes|nieuwsbrieven) meer", r"laat (?:me|mij) (?:met rust|gerust)"],
})
# Refused (not interested: the lead is closed). Negated interest is handled here too.
REFUSAL = _c({
    "en": [r"not (?:the |a |really )?(?:right |good |great )?(?:fit|match)", r"(?:isn't|is not|wasn't) (?:the |a )?(?:right |good )?(?:fit|match)",
           r"no,? (?:ty|thx|thnx|thanx)", r"nty", r"nah,? (?:ty|thx|thanks)",
           r"off the table", r"case closed",
           r"(?:don't|do not|doesn't|does not|won't|will not|not going to|aren't going to) (?:\w+ ){0,2}(?:need|require|want|pursue|proceed|go ahead|move forward|continue|take (?:this|it) further)", r"not (?:something (?:we|i)(?:'ll| will| would)? (?:be )?(?:doing|pursuing|need))", r"(?:got|have) (?:it|this|that|things) (?:handled|covered|sorted|in hand|taken care of)", r"(?:made|have|found) other arrangements", r"(?:is|are) (?:now )?(?:covered|handled|done|provided) by (?:our|the)", r"(?:give|giving) (?:this|it|this one) a (?:pass|miss)",
           r"(?:don't|do not) (?:have|see) (?:the|a|any) need",
           r"(?:won't|will not|don't|do not) need (?:you|your services|your help|cleaners|a cleaner)",
           r"declin\w*", r"turn(?:ing|ed)? (?:it |this |you )?down", r"reject\w*", r"consider this a no", r"(?:stick|sticking|staying|stay) with what (?:we|i) have", r"(?:leave|leaving) it (?:for now|there|at that)", r"(?:not|isn't|is not) (?:something )?(?:we're|we are|i'm|i am) (?:pursuing|looking (?:at|for))", r"not pursuing", r"(?:don't|do not) think (?:we|i)(?:'ll| will) need", r"(?:won't|will not|'ll not) need", r"not in (?:the|our|my) budget", r"(?:we're|we are|i'm|i am) fine,? thanks?", r"(?:we're|we are) fine", r"manage without", r"(?:we'll|we will|i'll|i will) manage",
           r"(?:won't|will not|not going to|no longer|won't be|aren't|are not|not) (?:be )?(?:outsourc\w*|auslager\w*|fremdvergeb\w*|externalis\w*|sous-trait\w*|externaliz\w*|subcontrat\w*|terceiriz\w*|uitbeste\w*|uit te besteden)", r"had a rethink", r"(?:won't|will not) be (?:pursuing|using|hiring|changing|taking)",
           r"too expensive", r"(?:can't|cannot|can not) afford", r"(?:out of|over|beyond) (?:our|my) budget", r"(?:no|don't have the|do not have the|don't have a|haven't got the) budget", r"changed (?:our|my) minds?", r"(?:give it|give this) a miss", r"thanks,? but no thanks", r"it's a no", r"not a priority", r"(?:closing|closed) (?:the|our) (?:office|business|site)", r"(?:moving|moved) out", r"no longer (?:at this|based)", r"(?:sold|selling) the (?:building|office|business)",
           r"(?:keep|keeping) (?:our|the) (?:current|existing) (?:\w+ )?(?:setup|arrangement|provider|supplier|cleaners?|team|solution|way)",
           "(?:a )?(?:cheaper|better|different|another|other) (?:option|quote|offer|provider|company|deal|solution)", "found (?:a|an) \\w+ (?:option|provider|company|cleaner|supplier)",
           "indefinitely", "(?:hold|holding) off (?:for good|permanently)",
           "(?:do|handle|keep doing|continue doing|manage|doing|handling) (?:it|this|that|the cleaning) ourselves", "internally", "(?:have to|going to|gonna|must|will|\'ll|\'m going to) say no",
           "(?:another|a different|other) (?:solution|option|provider|supplier|vendor|company|firm)",
           "(?:we\'re|we are|i\'m|i am) not (?:going to|gonna) (?:go ahead|proceed|do it|need)",
           "(?:another|other|a different) direction", "(?:our|the) current (?:cleaners?|provider|supplier|company|vendor|contractor|team|service)", "(?:decided|chosen|chose) (?:not to|another|someone else|to stay|to stick|to keep)",
           "pass on (?:this|that|it|the offer)", "(?:going to|gonna|have to|must|'m going to|will|'ll) pass(?! (?:it|this|that|them|the \\w+) (?:on|along))(?! on to)", "(?:we\'ve|we have|we\'re|we are) (?:got it )?covered", "no interest", "(?:stick|sticking|staying|stay) with (?:our|the|my) (?:current|existing|usual|own)", "(?:happy|satisfied) with (?:our|the|my) (?:current|existing)", "(?:a|in a) different direction", "not (?:in the market|looking for)", "not something (?:we|i) need", "no budget for (?:this|it)", "thanks,? but no", "i\'m good,? thanks", "all good,? thanks",
           r"not interested", r"no longer interested", r"not really interested", r"(?:isn't|is not|wasn't) (?:of )?interest\w*",
           r"no,? thanks?(?: you)?", r"no thank you", r"nah", r"nope", r"(?:we're|we are|i'm|i am) (?:all )?(?:set|good|covered|sorted)\b(?:,? thanks?)?",
           r"(?:don't|do not|dont|no longer|won't|will not) (?:need|require|want)", r"no (?:need|longer need)", r"not (?:needed|necessary|required)",
           r"(?:went|gone|go|going|decided to go|signed|chose|chosen|picked|opted|settled) (?:with|for) (?:another|someone|somebody|a different|an? other|other|a competitor|a local)",
           r"found (?:someone|somebody|another|a different)", r"(?:decided|decision) (?:not to|against)", r"not (?:going|moving) (?:ahead|forward)",
           r"(?:won't|will not) be (?:going ahead|proceeding|moving forward|needing)", r"(?:we'll|i'll|we will|i will) pass(?! (?:it|this|that|them|the \w+) (?:on|along))(?! on to)", r"not for (?:us|me)",
           r"in-house", r"in house", r"(?:already|have already) (?:found|hired|sorted|signed|booked|chosen|picked)", r"(?:already|have already) (?:have|got) (?:someone|somebody|one|our own|a (?:\w+ )?(?:cleaner|cleaners|company|provider|supplier|contractor|team|firm|service|vendor))", r"not (?:a )?(?:good )?fit",
           r"(?:cancel|close|withdraw) (?:our|my|the) (?:enquiry|inquiry|request)", r"no longer (?:looking|relevant|needed)",
           r"(?:project|plans?) (?:was |has been |is |got )?(?:cancel\w*|abandon\w*|dropped|shelved|scrapped|off)"],
    "de": [r"passt (?:\w+ ){0,2}nicht (?:zu|fur) (?:uns|mir|unserem|unserer)",
           r"thema ist (?:fur uns )?(?:erledigt|abgeschlossen|durch)",
           r"(?:nicht|kein\w*) (?:\w+ ){0,2}(?:benotigt|notig|notwendig|gebraucht|weiterverfolgen|in betracht|umsetzen|beauftragen)", r"(?:benotigen|brauchen|verfolgen|umsetzen|beauftragen|machen|realisieren|weiterfuhren) (?:\w+ ){0,3}(?:nicht|nie)(?: weiter| mehr)?(?![\w])", r"(?:werden|wollen|mochten|konnen) (?:\w+ ){0,3}nicht (?:\w+ ){0,1}(?:umsetzen|beauftragen|machen|realisieren|weiterverfolgen|fortsetzen)", r"im griff", r"vorkehrungen getroffen", r"ubernimmt (?:jetzt |ab sofort |kunftig )?(?:unser|unsere|der|die|das)", r"vom tisch", r"anders orientiert", r"(?:nicht|nie) in (?:betracht|frage)",
           r"brauchen (?:wir )?sie nicht",
           r"(?:ab)?lehnen", r"lehnen (?:\w+ ){0,3}ab", r"abgelehnt", r"absagen", r"sagen (?:\w+ ){0,3}ab", r"nicht annehmen", r"kommen (?:so |gut |allein |alleine )?zurecht", r"lassen (?:das|es) (?:erstmal|vorerst|lieber|sein|bleiben)", r"(?:fur|mit) (?:die|der) konkurrenz", r"konkurrenz entschieden",
           r"(?:uns )?dagegen entschieden", r"(?:werden|wollen|mochten) (?:das |es |die reinigung )?(?:doch )?nicht (?:\w+ )?(?:auslagern|vergeben|fremdvergeben|beauftragen)",
           r"zu teuer", r"(?:kein|keinen) budget", r"nicht im budget", r"(?:haben uns|uns) (?:umentschieden|anders entschieden)", r"bleibt (?:alles )?beim alten", r"(?:hat sich|ist) zerschlagen", r"(?:projekt|vorhaben) (?:ist|wurde|wird) (?:gestoppt|gestrichen|abgesagt|eingestellt)", r"lohnt sich (?:fur uns )?nicht", r"(?:buro|standort) wird geschlossen", r"ziehen (?:hier )?aus",
           r"(?:behalten|beibehalten) (?:unsere?n? |die |den )?(?:\w+ )?(?:losung|organisation|regelung|anbieter|dienstleister)", r"bei (?:unserer|der) (?:bisherigen|aktuellen) (?:losung|regelung)",
           "anderweitig",
           "(?:sehen|sehe) (?:davon|von \\w+(?: \\w+)?) ab", "verzichten",
           "(?:machen|erledigen|ubernehmen|regeln) (?:das|es|wir das|wir es) (?:\\w+ )?(?:weiterhin |lieber |auch weiterhin )?(?:selbst|selber|intern)", "(?:selbst|selber) (?:machen|erledigen)",
           "(?:andere|anderen|anderes) (?:losung|option|anbieter|firma|dienstleister|unternehmen|partner|variante)",
           "(?:aktuellen|bisherigen|jetzigen|derzeitigen) (?:anbieter|dienstleister|firma|partner|reinigungsfirma)", "nicht weiter verfolgen",
           "nicht (?:mehr )?(?:notig|notwendig|erforderlich|relevant)", "(?:haben|hab) (?:bereits|schon) (?:jemanden|(?:einen|eine|ein) (?:\\w+ )?(?:anbieter|dienstleister|firma|partner|\\w*firma|\\w*dienst|\\w*unternehmen))", "sind (?:gut |bestens )?versorgt", "zufrieden mit (?:unserem|unserer|unseren|dem|der)", "bleiben bei (?:unserem|unserer|dem|der)", "leider nein", "kein thema mehr", "absage", "kein bedarf",
           r"kein(?:erlei)? interesse", r"nicht interessiert", r"kein(?:en)? bedarf", r"nein,? danke", r"ne,? danke",
           r"(?:brauchen|benotigen|brauche|benotige)(?: \w+){0,3} (?:nicht|keine?n?)(?![\w])",
           r"(?:fur|mit) (?:einen |eine |ein )?(?:anderen|andere|anderes) (?:anbieter|firma|dienstleister|unternehmen|partner)",
           r"(?:anderen|andere|anderes) (?:anbieter|firma|dienstleister|unternehmen) (?:entschieden|beauftragt|gefunden|gewahlt)",
           r"(?:hat|haben) sich (?:fur uns )?erledigt", r"intern gelost", r"kommt (?:fur uns )?nicht (?:in frage|infrage)", r"nicht mehr aktuell",
           r"(?:wir|ich) verzichten", r"(?:entschieden|beschlossen),? (?:das|es) nicht", r"nicht weiter verfolgen", r"abgesagt", r"nichts fur uns"],
    "fr": [r"ne correspond (?:pas|plus) (?:a|au|aux) (?:nos|notre)",
           r"(?:la situation|les choses|tout) (?:bien )?en main", r"(?:pris|prendre|prenons) d'autres dispositions", r"(?:desormais |maintenant )?gere par (?:notre|nos|le|la|les)", r"(?:ne )?rentre pas dans (?:nos|notre) (?:plans|projets|priorites|budget)", r"(?:sujet|dossier) (?:est )?(?:clos|clot|ferme)", r"(?:^|(?<=[.!?] ))je passe(?=[,.!]|$)", r"une autre voie",
           r"(?:ne|n') ?(?:\w+ ){0,2}(?:pas|plus) (?:\w+ ){0,2}(?:besoin|necessaire|donner suite|poursuivre|continuer)", r"(?:c'est|cela est) (?:deja )?(?:gere|couvert|regle)",
           r"laiss\w* tomber", r"(?:decide|choisi|prefere|preferons) de ne pas (?:\w+)", r"preferons ne pas", r"(?:on se|nous nous) debrouill\w+",
           r"declin\w*", r"refus\w*", r"ne (?:pouvons|peux) pas accepter", r"(?:la|un) concurren\w+",
           r"(?:n'allons|ne va|ne vais|n'allons plus) pas (?:\w+ )?(?:externaliser|sous-traiter|signer|changer|poursuivre|continuer|faire appel)",
           r"trop cher", r"(?:pas de|hors|sans) budget", r"(?:avons|ai) change d'avis", r"(?:n'est )?plus d'actualite", r"c'est non", r"nous demenageons",
           r"(?:garder|conserver|maintenir|gardons|conservons) (?:notre|nos|le|la) (?:\w+ )?(?:organisation|fonctionnement|prestataire|fournisseur|equipe|solution)", r"organisation actuelle",
           "(?:ne|n\')\\w* pas (?:\\w+ )?donner suite", "pas donner suite",
           "en interne", "(?:par )?nous-memes", "(?:le faire|faisons|ferons) (?:nous-memes|en interne)",
           "(?:une autre|d\'autres) (?:solution|option|societe|entreprise)s?",
           "pas de besoin", "(?:finalement|au final),? (?:nous ne|on ne) (?:va|allons|fera|ferons) pas",
           "(?:rester|restons|garder|gardons|continuer|continuons) avec (?:notre|nos|le|la|l\') ?(?:\\w+ )?(?:prestataire|fournisseur|societe|entreprise|equipe)", "(?:prestataire|fournisseur|societe|entreprise) actuel\\w*",
           "sans facon", "(?:on est|nous sommes) (?:deja )?(?:equipes|servis|couverts|pourvus)", "(?:garde|gardons|garder) (?:notre|nos|le|la) (?:prestataire|fournisseur|societe)", "(?:ne )?(?:donne|donnons|donnerons|donnera|donner) pas suite", "pas de suite", "ne souhait\\w+ pas (?:donner suite|poursuivre|aller plus loin|continuer)", "pas la peine", "inutile",
           r"(?:pas|plus) interesse\w*", r"ne (?:nous |m'|me |les )interesse(?:nt)? (?:pas|plus)", r"ca ne (?:nous |m')interesse (?:pas|plus)", r"non,? merci",
           r"pas (?:besoin|necessaire)", r"n'(?:avons|ai) (?:plus |pas )?besoin", r"ne sera pas necessaire", r"plus besoin",
           r"(?:choisi|retenu|opte pour|pris|trouve) (?:un|une) autre", r"autre (?:prestataire|societe|entreprise|fournisseur)",
           r"(?:avons|ai|a) deja (?:quelqu'un|un prestataire|une societe|trouve)", r"on a deja", r"(?:projet|dossier) (?:est |a ete )?(?:abandonne|annule|suspendu indefiniment)",
           r"(?:ce n'est|c'est) pas pour nous", r"sans suite", r"nous ne donnerons pas suite", r"ne pas donner suite", r"je passe mon tour"],
    "es": [r"no (?:nos |me )?encaja con (?:nosotros|nuestr\w+)", r"no nos encaja",
           r"no,? (?:grax|grs|gracias)",
           r"(?:tema|asunto) (?:esta )?(?:cerrado|zanjado)", r"otro camino",
           r"no (?:\w+ ){0,2}(?:necesit\w+|hace falta|es necesario|entra en|queremos|vamos a (?:seguir|continuar|contratar|hacer)|seguiremos|continuaremos)", r"lo tenemos (?:cubierto|resuelto|controlado)", r"(?:otras|otra) medidas?", r"lo gestiona (?:ahora )?(?:el|la|nuestro|nuestra)", r"(?:^|(?<=[.!?] ))paso(?=[,.!]|$)",
           r"no (?:os|les|le|te) (?:necesitamos|necesitaremos|vamos a necesitar)",
           r"preferimos no", r"ya contamos con", r"declin\w*", r"rechaz\w*", r"nos (?:apanamos|arreglamos)", r"(?:por|con) la competencia",
           r"no vamos a (?:\w+ )?(?:externalizar|subcontratar|cambiar)", r"lo hemos pensado mejor",
           r"demasiado caro", r"(?:no hay|sin) presupuesto", r"(?:hemos|he) cambiado de (?:opinion|idea)", r"ya no es necesario", r"(?:el )?proyecto (?:se ha |esta )?(?:parado|paralizado|suspendido)", r"no es prioritario",
           r"(?:mantener|mantenemos|conservar) (?:nuestro|nuestra|el|la) (?:\w+ )?(?:proveedor|empresa|organizacion|sistema|equipo)",
           "(?:al final |finalmente )?lo dejamos",
           "(?:decidido|decidimos) (?:dejarlo|no seguir|no continuar|no avanzar)",
           "(?:nosotros|nosotras) mism[oa]s", "internamente", "por nuestra cuenta",
           "otra (?:solucion|opcion|empresa|alternativa)", "(?:cerrado|cerramos) con otr[ao]",
           "(?:finalmente |al final )?no (?:vamos|voy) a (?:hacer|contratar|seguir|continuar|necesitar|hacerlo|avanzar)\\w*", "no (?:tenemos|tengo) (?:necesidad|interes)",
           "(?:seguir|seguimos|quedarnos|continuar|continuamos) con (?:nuestro|nuestra|el|la) (?:\\w+ )?(?:proveedor|empresa|equipo)", "(?:proveedor|empresa) actual", "(?:optado|optamos) por otr[oa]",
           "(?:estamos|ya estamos) (?:servidos|cubiertos|bien atendidos)", "ya tenemos (?:proveedor|empresa|a alguien|quien)", "(?:preferimos|vamos a) (?:seguir|quedarnos) con", "seguiremos con", "no vamos a (?:contratar|seguir|continuar)", "descartad[oa]", "desestimad[oa]", "no procede",
           r"no (?:nos|me|les) interesa", r"no (?:estamos|estoy) interesad\w+", r"no,? gracias", r"no (?:lo )?necesitamos", r"no (?:lo )?necesito",
           r"(?:ya|hemos) (?:contratamos|contratado|encontramos|elegimos|hemos contratado|lo hemos contratado)", r"ya tenemos (?:a alguien|quien|otr[oa]|proveedor|empresa|servicio de|una empresa|un proveedor)", r"ya lo hemos \w+",
           r"otr[ao] (?:empresa|proveedor|compania)", r"(?:decidido|decidimos) no", r"no seguir adelante", r"no es para nosotros",
           r"(?:el )?proyecto (?:se ha |fue )?(?:cancelado|cancelo|anulado)", r"ya tenemos a alguien", r"no hace falta"],
    "pt": [r"nao (?:combina|se encaixa) com (?:a gente|nos|nosso|nossa)",
           r"nao,? (?:obg|obgd|obrigad\w*|vlw|valeu)",
           r"(?:ja )?esta (?:tudo )?resolvido", r"outras providencias", r"quem cuida (?:disso|disto)", r"(?:nao vamos )?dar continuidade", r"outro caminho", r"nao esta nos (?:nossos )?planos", r"(?:assunto|tema) (?:esta )?encerrado", r"(?:^|(?<=[.!?] ))passo(?=[,.!]|$)",
           r"nao (?:\w+ ){0,2}(?:precis\w+|necessari\w+|vamos (?:seguir|continuar|contratar|fazer)|queremos|faz sentido)", r"(?:ja )?esta (?:resolvido|coberto|coberta)",
           r"deixar (?:isso |isto )?de lado", r"ja contamos com", r"(?:a gente se|nos nos) vir\w+",
           r"recus\w*", r"declin\w*", r"nao (?:vamos |podemos )?aceitar", r"preferimos nao", r"(?:a|pela) concorrencia",
           r"nao vamos (?:\w+ )?(?:terceirizar|mudar|trocar)", r"pensamos melhor",
           r"muito caro", r"mudamos de ideia", r"(?:nao e|deixou de ser) mais necessario", r"nao faz mais sentido", r"(?:o )?projeto foi (?:cancelado|suspenso|parado)", r"nao e prioridade",
           r"(?:manter|mantemos|mantenho) (?:o|a|nosso|nossa) (?:\w+ )?(?:fornecedor|empresa|organizacao|equipe)", r"que ja temos",
           "(?:decidimos|resolvemos|decidi|resolvi) nao (?:seguir|continuar|avancar|fechar|contratar|prosseguir)",
           "internamente", "(?:nos|a gente) mesm[oa]s", "por conta propria",
           "outra (?:solucao|opcao|empresa|alternativa)",
           "nao (?:temos|tenho) (?:necessidade|demanda)", "(?:no final|afinal) nao vamos",
           "(?:seguir|seguimos|ficar|continuar|continuamos) com (?:a|o|nosso|nossa) (?:\\w+ )?(?:empresa|fornecedor|prestador|equipe)", "(?:empresa|fornecedor|prestador) atual", "optamos por outr[oa]",
           "nao e necessario", "ja temos (?:fornecedor|alguem|empresa|quem)", "(?:estamos|ja estamos) (?:bem )?servidos", "vamos (?:ficar|continuar) com", "nao vamos (?:contratar|fechar)", "dispenso", "descartamos",
           r"nao (?:temos|tenho) (?:mais )?interesse", r"sem interesse", r"nao (?:nos|me) interessa", r"nao,? obrigad[oa]",
           r"nao (?:vamos |iremos )?precis\w+", r"ja (?:contratamos|fechamos|encontramos|escolhemos)", r"ja temos (?:alguem|quem|outr[oa]|fornecedor|empresa|um fornecedor|uma empresa)", r"outr[ao] (?:empresa|fornecedor)",
           r"desistimos", r"nao vamos (?:seguir|avancar|continuar)", r"nao e para nos"],
    "nl": [r"past niet bij (?:ons|mij|onze)",
           r"onder controle", r"andere (?:afspraken|regelingen) (?:gemaakt|getroffen)", r"regelt (?:onze|de|ons|het) \w+ (?:nu|voortaan|zelf)", r"(?:een )?andere weg", r"past niet in (?:onze|ons|de) (?:plannen|planning|budget)", r"(?:onderwerp|dossier) is (?:voor ons )?(?:afgesloten|gesloten)", r"(?:^|(?<=[.!?] ))ik pas(?=[,.!]|$)",
           r"(?:niet|geen) (?:\w+ ){0,2}(?:nodig|behoefte|verder|uitvoeren)", r"(?:is|zijn) (?:al )?(?:geregeld|opgelost|gedekt)",
           r"laten (?:het|dit) (?:\w+ )?rusten", r"niets voor (?:ons|mij)", r"(?:we|wij) redden (?:ons|het)(?: wel)?",
           r"afwijzen", r"wijzen (?:\w+ ){0,3}af", r"afslaan", r"slaan (?:\w+ ){0,3}af", r"niet (?:aan ?nemen|accepteren)", r"(?:de|voor de) concurrent\w*",
           r"(?:ervan |er van )?afgezien", r"(?:gaan|zullen) (?:het |dit )?niet (?:\w+ )?(?:uitbesteden|doen|door)",
           r"te duur", r"geen budget", r"van gedachten veranderd", r"(?:het )?project is (?:gestopt|geannuleerd|stopgezet)", r"geen prioriteit",
           r"houden (?:het|we het) bij (?:onze|ons|de) (?:huidige|eigen)", r"bij onze huidige aanpak",
           "(?:al|inmiddels|intussen) geregeld",
           "(?:er )?van ?af (?:te )?zien", "zien (?:er )?van ?af",
           "(?:doen|regelen) (?:het|dit|dat) (?:\\w+ ){0,2}zelf", "zelf (?:doen|regelen)", "intern (?:oplossen|regelen|geregeld)",
           "(?:een )?andere (?:oplossing|optie|partij|aanbieder)",
           "laten (?:het|dit) (?:\\w+ ){0,2}zitten", "laten het (?:hierbij|daarbij)",
           "(?:onze|ons|de) huidige (?:partij|leverancier|schoonmaker|schoonmaakbedrijf|bedrijf)",
           "(?:we zijn|wij zijn) (?:al )?voorzien", "tevreden met (?:onze|ons|de) (?:huidige)?", "blijven bij (?:onze|ons|de)", "(?:gaan|gaat) (?:er )?niet mee verder", "niet (?:meer )?relevant", "liever niet", "we hebben al een",
           r"geen (?:interesse|behoefte)", r"niet (?:geinteresseerd|nodig)", r"nee,? (?:dank|bedankt)\w*", r"nee bedankt",
           r"(?:gekozen|gaan) voor (?:een )?ander\w*", r"ander (?:bedrijf|bureau)", r"(?:hebben|heb) al (?:een|iemand)",
           r"besloten (?:om )?(?:het )?(?:\w+ )?niet", r"gaat niet door", r"niet door(?: te laten)? gaan", r"hoeft niet", r"zien (?:er )?van af"],
})
# Not now: come back later (a revisit, when a date goes with it).
LATER = _c({
    "en": [r"(?:busy|swamped|slammed) (?:this|rn|atm|today)", r"msg me (?:next|in|after|on)",
           r"at the earliest", r"(?:contract|vertrag|contrat|contrato|contract) (?:\w+ ){0,5}(?:until|till|through|bis|jusqu'(?:a|au|en)|hasta|ate|tot)", r"locked in(?:to)? (?:\w+ ){0,4}until",
           r"not (?:rn|atm|now|yet)",
           r"not this (?:week|month)",
           "pick (?:this|it|things) (?:back )?up", "reconnect", "get back in touch", "hold off", "put a pin in", "park (?:this|it)", "not (?:ready|yet)", "closer to", "remind me", "ask me again", "come back to (?:me|us)", "wait (?:until|till)", "(?:let\'s|lets) (?:pick|talk|speak|reconnect)",
           r"not (?:right )?now", r"not (?:at|for) the moment", r"not at this (?:time|stage|point)", r"not (?:a )?(?:good|great|the right) time",
           r"bad time", r"(?:too|very|really|super|so) (?:busy|early|hectic|swamped)", r"swamped", r"hectic", r"slammed", r"busy season",
           r"(?:try|ask|contact|ping|email|e-mail|text|message|call) (?:me|us) (?:again|back|then|later|after|in|next|around)",
           r"(?:try|reach out|check in|follow up|touch base|get in touch) (?:again|then|later|after|in|next|around)", r"reach (?:out|back)",
           r"(?:get|come|circle|check) back", r"follow up", r"revisit", r"down the (?:road|line)", r"(?:maybe|perhaps) later", r"later (?:this|in the) year",
           r"postpone\w*", r"on hold", r"put (?:it|this|things) off", r"(?:budget|funds|funding) (?:is |are )?(?:frozen|approved|opens|resets|available)",
           r"drop me a line", r"ping me", r"(?:nothing|not) (?:until|till|before)", r"then we can", r"(?:let's|lets) (?:talk|speak) (?:again|then)",
           r"waiting (?:on|for)", r"(?:no|not) (?:budget|funds)"],
    "de": [r"(?:kontaktieren|melden|schreiben) sie (?:mich|sich|uns) (?:\w+ ){0,3}(?:erneut|nochmal|noch einmal|wieder)",
           r"schieben (?:wir )?(?:das|es) (?:\w+ )?(?:aufs|auf|ins|in|nach)",
           r"fruhestens", r"(?:vertrag\w*|vertrag|contrat|contrato|contract) (?:\w+ ){0,5}(?:until|till|through|bis|jusqu'(?:a|au|en)|hasta|ate|tot)",
           r"(?:nochmal|noch einmal|erneut) nach(?:fragen|haken)?", r"(?:fragen|melden) sie (?:sich )?(?:\w+ ){0,3}(?:nochmal|noch einmal|erneut|wieder)",
           r"diese woche nicht", r"diesen monat nicht",
           "(?:melden|kommen) sie (?:sich )?(?:gerne |bitte |doch )?(?:wieder|nochmal|noch einmal|erneut|spater|in|im|nach|ab)", "spater (?:nochmal|wieder|erneut)", "zu einem spateren zeitpunkt", "(?:nochmal|erneut) (?:an)?fragen", "(?:noch|aktuell|derzeit|momentan|zurzeit) nicht", "zuruckkommen", "wiedervorlage", "zu stressig", "(?:erst|fruhestens) (?:im|ab|nach|in)",
           r"(?:im )?moment (?:passt|ist|geht)", r"(?:gerade|derzeit|aktuell|momentan|zurzeit|jetzt) (?:nicht|kein|ist es|passt|ist)", r"(?:noch )?zu fruh",
           r"(?:melden|versuchen|fragen) sie (?:sich |es )?(?:gerne |bitte |doch )?(?:\w+ )?(?:nochmal|noch einmal|wieder|erneut|dann)",
           r"(?:nochmal|noch einmal|erneut|wieder) (?:melden|anfragen|versuchen|kontaktieren|schreiben|anrufen)", r"(?:gerne|dann) (?:wieder|nochmal)",
           r"(?:schreiben|melden) sie (?:mir|sich) \w+ (?:nochmal|wieder|erneut)", r"sieht es besser aus", r"(?:dann|spater) gerne", r"verschieben",
           r"wird das nichts", r"(?:erst|fruhestens) (?:im|ab|nach|in)", r"(?:budget|geld) (?:gibt es|haben wir) erst", r"ganz schlecht", r"(?:ist es|passt es|passt) (?:gerade |leider |im moment )*schlecht"],
    "fr": [r"au plus tot", r"(?:contract|vertrag|contrat|contrato|contract) (?:\w+ ){0,5}(?:until|till|through|bis|jusqu'(?:a|au|en)|hasta|ate|tot)",
           r"pas cette semaine", r"pas ce mois",
           "(?:reprendre|reprenez) contact", "je (?:reviens|reviendrai) vers vous", "je vous (?:recontacte|recontacterai)", "remettre a plus tard", "reporter", "pas encore",
           r"pas (?:pour le moment|maintenant|tout de suite|pour l'instant|ce mois-ci|cette annee)", r"(?:ce n'est|c'est) pas le (?:bon )?moment",
           r"(?:recontactez|relancez|rappelez|recontacter|relancer|revenez vers)(?:-moi|-nous| moi| nous)?", r"on en reparle", r"(?:en )?reparler",
           r"(?:pas|rien) avant", r"plus tard", r"c'est la course", r"debordes?", r"(?:revenir|reviendrai) vers", r"pas le moment"],
    "es": [r"la (?:semana )?que viene si",
           r"como (?:muy )?pronto", r"(?:contract|vertrag|contrat|contrato|contract) (?:\w+ ){0,5}(?:until|till|through|bis|jusqu'(?:a|au|en)|hasta|ate|tot)",
           r"volver a (?:contactar|escribir|llamar|hablar)\w*",
           r"esta semana no", r"este mes no",
           "(?:vuelva|vuelve|vuelvan) a (?:contactar|escribir|llamar)\\w*", "(?:contactame|contacteme|escribeme|escribame)", "todavia no", "aun no", "de momento no", "mas tarde", "(?:posponer|aplazar)\\w*", "(?:estoy|estamos) liad[oa]s?", "lo miremos", "retomarlo",
           r"ahora (?:mismo )?no", r"no es (?:buen|el) momento", r"(?:ahora|de momento|este \w+) (?:es )?(?:imposible|complicado)", r"imposible",
           r"(?:vuelva|vuelve|vuelvan)(?:me)? a (?:contactar|escribir|llamar|intentar)\w*", r"(?:escribeme|escribame|contactame|contacteme|contacte conmigo|hablamos|lo vemos|lo retomamos|lo miramos|retomamos)",
           r"(?:hasta|antes de) (?:despues|que)", r"mas adelante", r"no podemos", r"a tope", r"lo vemos"],
    "pt": [r"no minimo", r"so a partir", r"(?:contract|vertrag|contrat|contrato|contract) (?:\w+ ){0,5}(?:until|till|through|bis|jusqu'(?:a|au|en)|hasta|ate|tot)",
           r"(?:essa|esta) semana nao", r"(?:esse|este) mes nao",
           "(?:por enquanto|ainda) nao", "mais tarde", "(?:adiar|adiamos)", "quem sabe", "(?:entre|entra|entrem) em contato", "retomamos",
           r"agora (?:nao|esta complicado)", r"(?:nao|no) (?:e|e um) (?:bom )?momento", r"(?:tenta|tente|tentem) de novo", r"(?:me|nos) procura\w*", r"procure-me",
           r"(?:fala|fale) comigo", r"(?:so|somente|apenas) (?:depois|a partir|em|no|na)", r"nao consigo", r"a gente (?:ve|conversa|fala)",
           r"vamos deixar para", r"(?:entre|entra) em contato (?:no|em|na|daqui)", r"mais para frente", r"(?:nao|sem) (?:da|verba|orcamento)"],
    "nl": [r"op (?:zijn|z'n) vroegst", r"(?:contract|overeenkomst) (?:\w+ ){0,4}(?:loopt|lopen) (?:nog )?(?:tot|door)",
           r"deze (?:week|maand) niet",
           "neem (?:dan |later |over \\w+ \\w+ )?(?:weer |opnieuw |nog eens )?contact op", "kom (?:er )?(?:later )?op terug", "nog niet", "op dit moment niet", "uitstellen", "probeer het later",
           r"(?:nu|op dit moment|momenteel) (?:even )?niet", r"komt (?:nu )?(?:niet|slecht) (?:goed )?uit", r"(?:probeer|probeert) (?:het )?(?:\w+ )?(?:nog eens|opnieuw|later|dan)",
           r"(?:nog eens|opnieuw) (?:mailen|bellen|contact)", r"(?:graag )?weer contact", r"kijken (?:we )?(?:er )?(?:weer|opnieuw) naar", r"weer naar kijken",
           r"(?:te|heel) druk", r"lukt (?:nu )?niet", r"(?:pas|niet eerder dan|niet voor) (?:in|na|over|vanaf)", r"later (?:dit jaar|terug)", r"meer tijd"],
})
# Asked for a call (a call-back when a day or time goes with it).
CALL = _c({
    "en": [r"(?:for|on) a (?:quick |short |brief )?(?:phone )?call",
           "(?:can|could|shall) we (?:talk|speak|chat|have a call|catch up)",
           "try (?:me on )?my (?:mobile|cell|phone|number|landline)", "(?:good|free|available) for a (?:quick )?(?:chat|call|phone call)",
           "(?:call|ring|phone) (?:my|our) (?:cell|mobile|phone|office|landline|number|direct line)", "(?:call|ring) (?:me )?(?:on|at) (?:my|\\+?\\d)",
           "call me back", "(?:quick |short )?(?:phone )?call (?:on|at|tomorrow|today|next|this)", "(?:set up|schedule|book) a (?:quick )?call", "best number", "on the phone",
           r"call me", r"call us", r"give (?:me|us) a (?:quick |short |brief )?(?:call|ring|buzz|bell)", r"ring me", r"phone me", r"(?:can|could|would) you (?:call|ring|phone)",
           r"(?:let's|lets) (?:talk|chat|speak|have a call|jump on a call|hop on a call)", r"(?:happy|glad) to (?:chat|talk|speak|hop on a call)",
           r"(?:best|good) time to (?:call|reach)", r"(?:a )?(?:quick )?call (?:tomorrow|today|on|at|this|next)", r"free for a (?:quick )?call", r"call back",
           r"reach me (?:on|at)"],
    "de": [r"zuruckrufen", r"zuruckruf", r"rufen sie (?:\w+ ){0,3}zuruck",
           "(?:konnen|sollen|konnten) wir (?:kurz |mal )?(?:sprechen|reden)",
           "telefonat", "erreichen sie mich", "kurz sprechen",
           r"ruf(?:en)? sie mich", r"ruf mich", r"(?:mich|uns) \w* ?(?:an)?rufen", r"anrufen", r"telefonieren", r"ruckruf", r"telefonisch", r"rufen sie (?:\w+ )?an"],
    "fr": ["(?:on peut|peut-on|pourrait-on|pouvons-nous|on pourrait) (?:se parler|s\'appeler|en parler|echanger)",
           "rappel(?:ez|le)(?:-moi)?", "joindre", "par telephone",
           r"appel(?:ez|le|er)(?:-moi|-nous)?", r"m'appeler", r"nous appeler", r"s'appeler", r"telephoner", r"un appel", r"coup de fil", r"joignable", r"me telephoner"],
    "es": ["(?:hablamos|podemos hablar|hablemos) (?:el|manana|hoy|este|esta|a las|por)",
           "llamar(?:me|nos)?", "hablar por telefono",
           r"llam(?:ame|eme|arme|arnos|enme|adme)", r"(?:me|nos) (?:puede|puedes|podria|podrias|pueden) llamar", r"llamada", r"por telefono", r"me llamas?"],
    "pt": [r"(?:uma )?ligad(?:a|inha)", r"liga pra mim",
           "(?:podemos|vamos|poderiamos) (?:conversar|falar)",
           "(?:^|(?<=[.!?,] ))liga(?= (?:amanha|hoje|depois|na |no |segunda|terca|quarta|quinta|sexta|de manha|a tarde|as |para))",
           "ligue", "ligar", "telefone",
           r"me (?:liga|ligue|ligar|telefona)", r"liga(?:r)? (?:para mim|pra mim)", r"(?:pode|podem|poderia) me ligar", r"ligacao", r"por telefone", r"telefonar", r"ligue-me"],
    "nl": ["(?:kunnen|zullen) we (?:even |kort )?(?:praten|spreken|bellen)",
           "bel", "telefoontje",
           r"bel (?:me|mij|ons)", r"(?:even |eens )?bellen", r"belt u", r"telefonisch", r"belletje", r"bel me"],
})
# Wants the offer: yes, send the quote, what does it cost, when can you start.
INTEREST = _c({
    "en": [r"send it (?:over|through|across)", r"(?:ya|yeah|yes|yep),? send",
           r"make it happen", r"(?:i'm|we're|i am|we are|very|really) keen", r"sounds like a plan", r"ready when you are", r"what (?:do|would) you need from (?:me|us)", r"let's get (?:it|this|things) (?:going|started|booked|moving)",
           r"count (?:me|us) in", r"book (?:me|us) in", r"we'll take it", r"please proceed", r"(?:we )?accept(?:ed)? (?:your|the) (?:quote|proposal|offer)", r"let's go(?=[!.]|$| for it)", r"deal",
           "(?:we\'d|we would|i\'d|i would) like to (?:hire|book|start|sign|go|proceed|get|move)", "(?:hire|book) you",
           "how soon", "come (?:by|over|round|and see|and take a look|out)", "take a look", "(?:a|the) (?:site )?visit", "walk-?through",
           "(?:let\'s|lets) do (?:it|this)", "(?:book|schedule|set up) (?:a|the|an) (?:visit|appointment|walkthrough|date|start)", "tell me more", "more (?:info|information|details)", "i\'m in", "(?:what are|what\'s|send) (?:your|the) (?:rates|prices|availability)", "availability", "sounds (?:interesting|promising)",
           r"interested", r"sounds (?:good|great|perfect|fine)", r"(?:please|pls|plz) send", r"send (?:me |us |it )?(?:over )?(?:the |a |an |your |some |more )?(?:quote|proposal|info|information|details|pricing|prices|estimate|contract|paperwork|brochure|price list|rates|agreement|offer)",
           r"how much", r"what (?:would|will|does|do) (?:it|this|that|you) (?:cost|charge)", r"quote", r"pricing", r"price", r"estimate", r"proposal",
           r"(?:let's|lets|happy to|keen to|ready to) (?:go ahead|proceed|do it|move forward|book|get started|start)", r"go ahead", r"go for it",
           r"when (?:can|could|would) (?:you|we) (?:start|come|begin|do)", r"next steps?", r"(?:that|this) works", r"works for (?:us|me)", r"count (?:me|us) in",
           r"sign (?:me|us) up", r"(?:we'd|i'd|we would|i would) (?:like|love) to", r"looking forward", r"perfect", r"great", r"still (?:keen|interested)",
           r"do you (?:also )?(?:do|offer|provide)"],
    "de": [r"klingt nach einem plan", r"kann (?:es )?losgehen", r"(?:bin|sind) dabei", r"was brauchen sie (?:noch )?von (?:mir|uns)",
           r"auftrag erteilt", r"(?:wir )?nehmen (?:das|ihr|es)", r"zusage", r"los geht'?s", r"gebucht",
           "(?:mochten|wurden) (?:gerne )?(?:starten|anfangen|beginnen|loslegen)",
           "beauftragen", "(?:wurden|mochten) (?:das|es|sie|gerne) (?:gerne )?(?:angehen|beauftragen|starten|buchen)", "wie geht es (?:jetzt )?weiter", "(?:das )?thema ist (?:noch )?aktuell",
           "vorbeikommen", "besichtig\\w+", "sich (?:das|die raume) (?:mal )?ansehen",
           "klingt (?:interessant|spannend|vernunftig)", "termin (?:vereinbaren|ausmachen|machen|finden)", "mehr (?:infos|informationen)", "legen wir los", "sehr gerne",
           r"interessiert", r"interesse", r"klingt (?:gut|super|prima)", r"gerne?", r"(?:schicken|senden) sie (?:mir|uns) (?:\w+ )?(?:das |den |die |ein |einen |eine |ihr |ihre |ihren )?(?:angebot|vertrag|unterlagen|infos|informationen|preis\w*|kostenvoranschlag|termin\w*)", r"angebot",
           r"was (?:kostet|wurde|wurden|wird)", r"kosten", r"preis\w*", r"wann (?:konnen|konnten) sie", r"machen wir", r"nehmen (?:das|ihr) angebot",
           r"passt", r"einverstanden", r"super", r"bieten sie (?:auch )?"],
    "fr": [r"ca marche", r"de quoi avez-vous besoin",
           r"reserv(?:ez|e)(?:-nous|-moi)",
           r"prochaine etape",
           r"je valide", r"valide", r"bon pour accord", r"c'est parti", r"on signe",
           "(?:nous )?souhait\\w+ (?:commencer|signer|demarrer|avancer|travailler)", "(?:toujours|suis|sommes) partant\\w*",
           "passer (?:voir|nous voir|visiter)", "(?:une|la) visite", "venir voir",
           "(?:ca|cela) (?:me|nous) (?:parait|semble|va|convient) (?:tres |tout a fait )?(?:bien|parfait|bon|interessant)?", "(?:fixer|prendre|caler) (?:une date|un rendez-vous|un rdv|un creneau)", "avec plaisir", "tres bien", "plus d\'informations", "on y va", "rendez-vous",
           r"interesse\w*", r"ca (?:m'|nous )interesse", r"volontiers", r"devis", r"tarifs?", r"combien", r"quel (?:serait le |est le )?prix",
           r"quand (?:pouvez|pourriez)-vous", r"d'accord", r"ok pour", r"parfait", r"on avance", r"allons-y", r"envoyez(?:-moi|-nous)? (?:le |la |les |un |une |vos |votre )?(?:devis|contrat|proposition|tarifs?|infos?|informations|documents?)", r"faites-vous"],
    "es": [r"(?:si|vale),? (?:porfa|por favor|claro)",
           r"(?:me|nos) apunt(?:o|amos)", r"haz(?:me|nos)|haga(?:me|nos) una oferta", r"una oferta", r"cuando (?:querais|quieran|quieras) (?:empezamos|empezar|empezais)", r"que necesita(?:s|n)? de (?:mi|nosotros)",
           r"reserv(?:anos|ame|adnos|adme|a) (?:la|el|una|un)",
           r"(?:siguiente|proximo) paso",
           r"aceptamos", r"trato hecho", r"cuenta con nosotros", r"contratamos",
           "(?:nos|me) encaja", "(?:me|nos) (?:mandas|mandais|manda|mande|envias|envia) (?:el|la|los|las)",
           "(?:nos|me) gustaria (?:contratar|empezar|seguir|avanzar|hacerlo)", "contratar(?:lo|les)? el servicio", "formaliza\\w*", "seguimos con la idea", "dale",
           "venir a ver", "(?:una|la) visita", "pasar(?:se)? a ver",
           "cotizacion", "(?:agendar|fijar|concertar) (?:una )?(?:cita|fecha|visita)", "mas informacion", "me parece (?:bien|perfecto|genial)", "vale", "genial",
           r"interesa\w*", r"interesad\w+", r"adelante", r"presupuesto", r"cuanto", r"precio", r"propuesta", r"cuando (?:pueden|podrian|puedes|podrias)",
           r"perfecto", r"claro", r"de acuerdo", r"(?:mandame|mandenme|enviame|envieme|pasame|mandeme) (?:el |la |los |las |un |una |su |tu )?(?:presupuesto|propuesta|contrato|precio|info|informacion|tarifas|cotizacion|detalles)", r"info(?:rmacion)?"],
    "pt": [r"(?:to|estou|estamos) dentro", r"do que (?:voce|voces) precisa(?:m)?",
           r"(?:pode )?reserv(?:ar|a|e) (?:a|o|uma|um)",
           r"pode seguir", r"pode (?:ir em frente|avancar)",
           r"aceito", r"aprovad[oa]", r"pode agendar", r"bora", r"fechou",
           "(?:quero|queremos) (?:seguir|contratar|fechar|avancar)", "contratacao",
           "vir ver", "(?:uma|a) visita", "passar aqui",
           "gostei", "gostaria", "(?:agendar|marcar) (?:uma )?(?:visita|data|reuniao)", "proximo passo", "mais informacoes", "me parece (?:bom|otimo)", "otimo",
           r"interesse", r"interessad\w+", r"quero", r"quanto (?:custa|fica|sai|seria)", r"valores", r"orcamento", r"preco", r"proposta",
           r"quando (?:voces )?(?:podem|poderiam)", r"fechado", r"(?:pode )?mand(?:a|ar|e) (?:o |a |os |as |um |uma |seu |sua )?(?:orcamento|proposta|contrato|valores|preco|info|informacoes|detalhes)", r"combinado", r"perfeito", r"vamos (?:fechar|em frente)",
           r"voces fazem"],
    "nl": [r"(?:ik doe|we doen) mee", r"klinkt als een plan", r"wat (?:heb|hebben) (?:je|jullie|u) (?:van (?:ons|mij) )?nodig",
           r"volgende stap",
           r"doen we", r"deal", r"we gaan ervoor", r"ga (?:je|uw) gang", r"goedgekeurd",
           "(?:we|wij|ik) (?:willen|wil) (?:er )?(?:graag )?(?:mee verder|starten|beginnen)",
           "langs ?komen", "komen kijken", "bezichtig\\w+",
           "klinkt (?:goed|interessant|prima)", "afspraak (?:maken|inplannen)", "(?:in|)plannen", "meer informatie", "wat zijn de kosten",
           r"geinteresseerd", r"interesse", r"graag", r"offerte", r"voorstel", r"wat kost", r"kosten", r"prijs", r"wanneer kunnen (?:jullie|u)",
           r"top", r"prima", r"akkoord", r"laten we (?:het |dat )?(?:zo )?(?:doen|beginnen|starten|afspreken)", r"stuur (?:maar |ons |mij |me )?(?:een |de |het |uw |je )?(?:offerte|voorstel|prijs\w*|info|informatie|contract)", r"hebben jullie"],
})
# A plain no where a sentence starts ("Nein, ...", "No.", "Non merci"), not "no problem".
NO = re.compile(r"(?:^|(?<=[.!?] ))(?:no|nope|nah|nein|non|nee|nao)(?=[,.!]|$)")
# A plain yes, only where a sentence starts: "ja" is also Portuguese for "already",
# "si" Spanish and French for "if".
AFFIRM = re.compile(r"(?:^|(?<=[.!?,;:] ))(?:(?:yes|yeah|yep|sure|jawohl|oui|sim|claro|jazeker)(?=[ ,.!]|$)|"
                    r"(?:ja|si)(?=[,.!]|$| (?:gerne|gern|bitte|klar|sicher|genau|graag|hoor|prima|natuurlijk|zeker|me interesa|claro|por favor|perfecto|seguro)))")
# Doubt: a person should read it.
UNSURE = _c({
    "en": [r"need (?:more|some) time", r"(?:not|haven't) decided", r"still deciding", r"let me get back to you",
           "might", "possibly", "depends", "let me see", "i\'ll let you know", "run it by", "how did you get",
           r"not sure", r"unsure", r"maybe", r"perhaps", r"(?:i'll|i will|let me|need to|have to|got to) (?:think|check|discuss|talk|ask|consult|run it)",
           r"think (?:about|it over)", r"check with", r"(?:don't|do not|dont) know", r"undecided", r"hmm+", r"who (?:is this|are you|gave you)",
           r"what company", r"how did you get", r"(?:i|we) never (?:asked|requested|signed)", r"did(?:n't| not) (?:ask|request)"],
    "de": [r"(?:noch )?unentschlossen", r"brauchen (?:noch )?(?:etwas )?zeit", r"noch nicht entschieden",
           "eventuell", "(?:mit|intern) (?:\\w+ )?(?:\\w+ )?(?:besprechen|klaren|abstimmen)", "woher haben sie", "wer sind sie", "an keine anfrage",
           r"nicht (?:so )?sicher", r"vielleicht", r"weiss (?:noch )?nicht", r"uberlegen", r"erst (?:noch )?(?:\w+ )?besprechen", r"rucksprache", r"mal sehen", r"ich melde mich",
           r"wer hat ihnen", r"wer sind sie", r"woher haben sie"],
    "fr": [r"pas encore decide", r"besoin de (?:un peu de )?temps",
           "pourquoi pas", "je vous redis", "a voir", "je vais voir", "en discuter", "d'ou (?:tenez|avez)-vous",
           r"pas (?:trop )?sur", r"peut-etre", r"je ne sais pas", r"sais pas", r"reflechir", r"en parler", r"voir avec", r"hesite", r"c'est qui", r"qui etes-vous",
           r"n'ai rien demande", r"en dire plus"],
    "es": [r"(?:todavia|aun) no (?:lo )?(?:hemos|he) decidido", r"necesito (?:un poco de |mas )?tiempo",
           "ya (?:te|le|les) (?:dire|digo|aviso)", "(?:^|(?<=[.!?,] ))a ver(?=[,.!?]| que| si|$)", "depende", "de donde (?:saco|saca|tiene)",
           r"no (?:estoy )?segur\w+", r"quizas?", r"tal vez", r"no (?:lo )?se", r"pensarlo", r"consultarlo", r"ver con", r"quien (?:es|le dio|les dio)", r"explicar"],
    "pt": [r"ainda nao decidimos", r"preciso de (?:um pouco de |mais )?tempo",
           "vou ver", "depende", "nao sei se", "como (?:conseguiu|conseguiram)",
           r"nao (?:tenho )?certeza", r"talvez", r"nao sei", r"pensar", r"ver com", r"falar com", r"quem e voce", r"nao pedi", r"te aviso"],
    "nl": [r"nog niet besloten", r"even bedenken",
           "wellicht", "even kijken", "laat (?:het )?weten", "hangt (?:er )?(?:van )?af", "hoe komt u aan",
           r"misschien", r"weet (?:het )?(?:nog )?niet", r"twijfel", r"overleggen", r"nadenken", r"niet zeker", r"van wie", r"wie (?:bent u|is dit)"],
})
# Automatic replies recognised by their words when no header says so.
AUTO = _c({
    "en": [r"out of (?:the )?office", r"away from (?:the|my) (?:office|desk)", r"on (?:annual |parental |maternity |paternity |sick |medical )?leave",
           r"on (?:vacation|holiday)", r"(?:limited|no|without) access to (?:e-?mail|my e-?mail|email)", r"automatic reply", r"auto-?reply", r"autoreply",
           r"(?:will|shall) (?:respond|reply|get back to you|answer) (?:to your (?:e-?mail|message) )?(?:when|upon|on my|as soon as)", r"will not be forwarded",
           r"(?:currently|presently) (?:away|out|travel\w*)"],
    "de": [r"nicht im buro", r"abwesend", r"abwesenheit\w*", r"im urlaub", r"ausser haus", r"keinen zugriff auf", r"automatische antwort",
           r"nach meiner ruckkehr", r"wird nicht weitergeleitet", r"nicht erreichbar", r"wieder im buro"],
    "fr": [r"absente?(?: du bureau)?", r"en conges?", r"en vacances", r"en deplacement", r"acces limite", r"reponse automatique", r"(?:a|des) mon retour",
           r"de retour le"],
    "es": [r"fuera de la oficina", r"de vacaciones", r"ausente", r"respuesta automatica", r"acceso limitado", r"a mi regreso", r"regresare", r"estare fuera"],
    "pt": [r"fora do escritorio", r"de ferias", r"ausente", r"resposta automatica", r"acesso limitado", r"assim que (?:voltar|regressar)", r"encontro-me"],
    "nl": [r"afwezig", r"met vakantie", r"niet op kantoor", r"automatisch antwoord", r"beperkt toegang", r"weer bereikbaar", r"niet doorgestuurd"],
})
AUTO_SUBJECT = re.compile(
    r"(?<![\w])(?:automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (?:the )?office|ooo|vacation|holiday notice|"
    r"abwesenheitsnotiz|abwesend|automatische antwort|abwesenheit|reponse automatique|absence|absent|respuesta automatica|"
    r"fuera de la oficina|ausente|resposta automatica|ferias|automatisch antwoord|afwezig|afwezigheid)(?![\w])")
# Words that turn a refusal into "not now" ("not interested right now, maybe in the spring").
SOFTENERS = re.compile(
    r"(?<![\w])(?:right now|just now|at the moment|at this (?:time|stage|point)|for now|yet|currently|"
    r"im moment|derzeit|aktuell|momentan|zurzeit|gerade|noch nicht|vielleicht|"
    r"pour le moment|pour l'instant|actuellement|peut-etre|de momento|ahora|por ahora|quizas?|tal vez|"
    r"no momento|por enquanto|agora|talvez|nu|op dit moment|momenteel|voorlopig|misschien|maybe|perhaps)(?![\w])")
# "Again": with a date, it turns a refusal into "come back then" ("kein Budget, fragen Sie im Juli nochmal").
AGAIN = re.compile(r"(?<![\w])(?:again|nochmal|noch einmal|erneut|wieder|de nouveau|a nouveau|otra vez|de nuevo|novamente|de novo|"
                   r"outra vez|opnieuw|nog eens|nog een keer)(?![\w])")
# A reply that also asks something after turning something down ("..., but do you ...?").
CONTRAST = re.compile(r"(?<![\w])(?:but|however|although|though|aber|jedoch|allerdings|mais|cependant|toutefois|pero|sin embargo|"
                      r"no obstante|mas|porem|contudo|entretanto|maar|echter|alleen)(?![\w])")
# A negation in each language, for a date with nothing else to go on ("no" is Portuguese
# for "in the", so it counts only in English and Spanish; "no rush" negates nothing).
NEGATION = {
    "en": re.compile(r"(?<![\w])(?:not|never|no longer|nope|no(?! rush| hurry| worries| problem| pressure))(?![\w])|n't"),
    "de": re.compile(r"(?<![\w])(?:nicht|kein\w*|nie|niemals)(?![\w])"),
    "fr": re.compile(r"(?<![\w])(?:pas|jamais|ne|n')(?![\w])|(?<![\w])n'"),  # "plus": "au plus tôt"
    "es": re.compile(r"(?<![\w])(?:no|nunca|tampoco|jamas)(?![\w])"),
    "pt": re.compile(r"(?<![\w])(?:nao|nunca|jamais)(?![\w])"),
    "nl": re.compile(r"(?<![\w])(?:niet|geen|nooit)(?![\w])"),
}
NEGATORS = re.compile(r"(?<![\w])(?:not|no|never|n't|no longer|nicht|kein\w*|pas|plus|jamais|ne|n'|nunca|nao|sem|niet|geen|nooit|nor)(?![\w])|n't")
THANKS_FOR = re.compile(r"(?:thanks?|thank you|danke|dank) (?:for|fur|voor)(?: (?:your|the|ihr|ihre|ihren|das|die|den|je|uw|het|de))?(?: \w+)? $|"
                        r"(?:merci|gracias|obrigad[oa]|agradeco|agradezco|bedankt) (?:pour|por|pel[oa]|voor)(?: (?:votre|vos|le|la|les|su|sus|el|la|o|a|os|as|seu|sua|je|uw|het|de))?(?: \w+)? $|"
                        r"merci pour l'$")
CARRIER_KEYWORDS = {"stop", "stopall", "quit", "end", "revoke", "opt out", "optout", "opt-out", "cancel", "unsubscribe", "stop all"}


def carrier_keyword(text: str) -> bool:
    """STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE: any case, any punctuation around."""
    words = re.sub(r"[^\w\s-]", " ", fold(text)).split()
    return " ".join(words) in CARRIER_KEYWORDS


def every(patterns: dict[str, re.Pattern], text: str, negatable: bool = False) -> list[tuple]:
    """Every match of any language's cue, (language, words, start, end), in text order."""
    out = []
    for lang, pattern in patterns.items():
        for m in pattern.finditer(text):
            if not (negatable and negated(text, m)):
                out.append((lang, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda c: c[2])


# Praise and politeness: they soften a refusal ("sounds great, but ..."), they ask for nothing.
POLITE = re.compile(r"(?:great|perfect|sounds (?:good|great|perfect|fine|interesting|promising)|looking forward|super|top|prima|parfait|"
                    r"tres bien|perfecto|genial|otimo|perfeito|klingt (?:gut|super|prima|interessant|spannend|vernunftig)|"
                    r"(?:ca|cela) (?:me|nous) (?:parait|semble|va|convient).*|me parece.*|klinkt (?:goed|interessant|prima)|"
                    r"yes|yeah|yep|sure|ja|jawohl|oui|si|sim|claro|jazeker|gerne?|graag|volontiers|avec plaisir|sehr gerne)$")


def first(patterns: dict[str, re.Pattern], text: str, negatable: bool = False):
    """The earliest match of any language's cue: (language, words, position) or None."""
    best = None
    for lang, pattern in patterns.items():
        for m in pattern.finditer(text):
            if negatable and negated(text, m):
                continue
            if best is None or m.start() < best[2]:
                best = (lang, m.group(0), m.start(), m.end())
            break
    return best


def negated(text: str, m: re.Match) -> bool:
    """A cue inside a negation in the same clause ("not interested", "ça ne nous intéresse pas")."""
    if THANKS_FOR.search(text[max(0, m.start() - 30): m.start()]):
        return True  # "thanks for your quote" is no request for one
    before = re.split(r"[.;!?,:]", text[max(0, m.start() - 30): m.start()])[-1]
    after = re.split(r"[.;!?,:]", text[m.end(): m.end() + 20])[0]
    return bool(NEGATORS.search(before) or re.search(r"(?<![\w])(?:pas|plus|nicht|niet|not)(?![\w])", after))


def language_vote(text: str) -> str | None:
    """The language whose cues match most in `text` (a hint for texts too short to detect)."""
    votes: dict[str, int] = {}
    for table in (OPT_OUT, REFUSAL, LATER, CALL, INTEREST, UNSURE, AUTO):
        for lang, pattern in table.items():
            n = len(pattern.findall(text))
            if n:
                votes[lang] = votes.get(lang, 0) + n
    if not votes:
        return None
    top = max(votes.values())
    return ",".join(lang for lang in votes if votes[lang] == top)  # ties are left for langid to settle

/** The host's own few words; the page brings its own translations. */
export const hostMessages = {
  nl: {
    skip: 'Naar de inhoud',
    home: 'Startpagina',
    admin: 'Beheer',
    apiAccess: 'API Toegang',
    logout: 'Afmelden',
    language: 'Taal',
    navigation: 'Hoofdnavigatie',
    toggleNav: 'Navigatie tonen of verbergen',
    welcome: 'Welkom in FOCUS',
    welcomeBody: 'Kies een onderdeel in de navigatie. API clients beheer je onder Beheer > API Toegang.',
    signedInAs: 'Aangemeld als {user}',
    loginFailed: 'Aanmelden is mislukt. Herlaad de pagina om opnieuw te proberen.',
  },
  fr: {
    skip: 'Aller au contenu',
    home: 'Accueil',
    admin: 'Gestion',
    apiAccess: 'Accès API',
    logout: 'Se déconnecter',
    language: 'Langue',
    navigation: 'Navigation principale',
    toggleNav: 'Afficher ou masquer la navigation',
    welcome: 'Bienvenue dans FOCUS',
    welcomeBody: 'Choisissez une rubrique dans la navigation. Les clients API se gèrent sous Gestion > Accès API.',
    signedInAs: 'Connecté en tant que {user}',
    loginFailed: 'La connexion a échoué. Rechargez la page pour réessayer.',
  },
  en: {
    skip: 'Skip to content',
    home: 'Home',
    admin: 'Administration',
    apiAccess: 'API Access',
    logout: 'Sign out',
    language: 'Language',
    navigation: 'Main navigation',
    toggleNav: 'Show or hide navigation',
    welcome: 'Welcome to FOCUS',
    welcomeBody: 'Choose a section in the navigation. API clients are managed under Administration > API Access.',
    signedInAs: 'Signed in as {user}',
    loginFailed: 'Signing in failed. Reload the page to try again.',
  },
} as const;

export type HostLocale = keyof typeof hostMessages;
export const hostLocales = Object.keys(hostMessages) as HostLocale[];

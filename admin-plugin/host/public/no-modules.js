// Browsers without ES modules never run the page: tell them so, in the manual's words.
document.getElementById('root').innerHTML =
  '<p style="font-family:sans-serif;margin:2em">Het aanmaken van een API client en het genereren van de inloggegevens ' +
  'werkt niet op Windows 7 en in verouderde browsers. Gebruik Windows 10 en de meest recente versie van je browser.</p>';

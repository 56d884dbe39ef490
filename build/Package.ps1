<#
    Packs the built module folder into <OutDirectory>/Cdss.<version>.nupkg with PSResourceGet, by publishing
    it to a local folder repository. The repository is registered under a unique name only for the publish.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $OutDirectory
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet

$manifest = Test-ModuleManifest (Join-Path $ModuleDirectory 'Cdss.psd1')
$null = New-Item -ItemType Directory -Force $OutDirectory
$package = Join-Path $OutDirectory "Cdss.$($manifest.Version).nupkg"
if (Test-Path $package) { Remove-Item -LiteralPath $package }

$repository = "CdssBuild-$([guid]::NewGuid().ToString('N'))"
# Where the user has no ~/.config, NuGet (inside PSResourceGet) writes NuGet/NuGet.Config relative to the
# process's current directory (not PowerShell's location); work from the output folder so that can never
# land in a source tree.
$savedDirectory = [Environment]::CurrentDirectory
[Environment]::CurrentDirectory = (Resolve-Path $OutDirectory).Path
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $OutDirectory).Path -Trusted
try {
    Publish-PSResource -Path (Resolve-Path $ModuleDirectory).Path -Repository $repository
}
finally {
    Unregister-PSResourceRepository -Name $repository
    [Environment]::CurrentDirectory = $savedDirectory
}
if (-not (Test-Path $package)) { throw "Publish-PSResource did not produce $package." }
Write-Host "Package: $package"

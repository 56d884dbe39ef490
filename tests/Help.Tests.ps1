# The help that build/HelpBuilder.ps1 generates from docs/help: MAML for every cmdlet, and about_Cdss.
BeforeDiscovery {
    # -ForEach data is needed at discovery time, so the module is loaded here too (once more in BeforeAll for the run).
    $modulePath = if ($env:CDSS_TEST_MODULE) { $env:CDSS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/Cdss' }
    $module = Import-Module $modulePath -Force -PassThru
    $script:commands = @($module.ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $script:ModulePath = if ($env:CDSS_TEST_MODULE) { $env:CDSS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/Cdss' }
    $script:Module = Import-Module $ModulePath -Force -PassThru
    $script:HelpXml = Join-Path $ModulePath 'en-US/Cdss.dll-Help.xml'
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters
}

Describe 'Help files' {
    It 'ships en-US/Cdss.dll-Help.xml as valid MAML with one entry per exported cmdlet' {
        $HelpXml | Should -Exist
        $xml = [xml]::new()
        $xml.Load($HelpXml)   # throws on malformed XML
        $xml.DocumentElement.LocalName | Should -Be 'helpItems'
        $xml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $names = @($xml.DocumentElement.ChildNodes | Where-Object LocalName -EQ 'command' | ForEach-Object { $_.details.name.Trim() })
        $names | Sort-Object | Should -Be @($Module.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'has about_Cdss, which Get-Help finds, covering credentials and errors' {
        $text = Get-Help about_Cdss | Out-String
        $text | Should -Match 'TOPIC\s+about_Cdss'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'NCLOUD_ACCESS_KEY'
        $text | Should -Match 'CdssAuthenticationFailed'
    }

    It 'lists every error id of Cdss.CdssErrorIds in about_Cdss' {
        $text = Get-Help about_Cdss | Out-String
        $errorIds = [Cdss.Session].Assembly.GetType('Cdss.CdssErrorIds', $true)   # internal: read by reflection
        $ids = $errorIds.GetFields() | Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() }
        $ids.Count | Should -BeGreaterThan 0
        @($ids | Where-Object { $text -notmatch "\b$_\b" }) | Should -BeNullOrEmpty -Because 'every stable error id needs a line in the ERROR IDS table'
    }

    It 'has every error id of Cdss.CdssErrorIds in the README table, and every id of the table produced by a test' {
        $errorIds = [Cdss.Session].Assembly.GetType('Cdss.CdssErrorIds', $true)
        $constants = @{}
        $errorIds.GetFields() | Where-Object IsLiteral | ForEach-Object { $constants[$_.GetRawConstantValue()] = $_.Name }
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^## Error ids\s*$(?<body>.*?)^## ').Groups['body'].Value
        $tableIds = @([regex]::Matches($section, '(?m)^\|(?<ids>[^|]*)\|') | ForEach-Object { [regex]::Matches($_.Groups['ids'].Value, '`(Cdss\w+)`') } | ForEach-Object { $_.Groups[1].Value })
        $tableIds.Count | Should -BeGreaterThan 10
        @($constants.Keys | Where-Object { $_ -notin $tableIds }) | Should -BeNullOrEmpty -Because 'every stable error id needs a row in the README error-id table'
        @($tableIds | Where-Object { -not $constants.ContainsKey($_) }) | Should -BeNullOrEmpty -Because 'the README table lists only ids the module has'
        # A test "produces" an id when it names it: as text in a Pester file, or as the CdssErrorIds constant in xunit.
        $tests = @(Get-ChildItem (Join-Path $PSScriptRoot '*.Tests.ps1') | Where-Object Name -NE 'Help.Tests.ps1') + @(Get-ChildItem (Join-Path $PSScriptRoot 'Cdss.Tests/*.cs'))
        $text = ($tests | ForEach-Object { Get-Content $_.FullName -Raw }) -join "`n"
        @($tableIds | Where-Object { $text -notmatch "\b$_\b" -and $text -notmatch "CdssErrorIds\.$($constants[$_])\b" }) | Should -BeNullOrEmpty -Because 'every documented error id is asserted by some test'
    }

    It 'shows parameter types as they are typed: -Deadline <DateTime>, never Nullable`1' {
        foreach ($name in $Module.ExportedCmdlets.Keys) {
            $text = Get-Help $name -Full | Out-String -Width 250
            $text | Should -Not -Match 'Nullable' -Because "the help of $name shows types as users type them"
        }
        Get-Help Start-CdssRollingRestart | Out-String -Width 1000 | Should -Match '-Deadline <DateTime>'
    }

    It 'has a manifest that passes Test-ModuleManifest' {
        { Test-ModuleManifest (Join-Path $ModulePath 'Cdss.psd1') -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe '<Name>' -ForEach $commands {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:command = Get-Command $Name
    }

    It 'has a written synopsis, not the generated syntax stub' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help fills the synopsis with the syntax: "<Name> [-Param] <Type> ..." or "<Name> [<CommonParameters>]".
        $synopsis | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s+\[*-|\s*\[<CommonParameters>\]|\s*$)')
    }

    It 'has a description' {
        (@($help.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) { "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because $example.title }
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) { $documented[$p.name] = (@($p.description | ForEach-Object Text) -join '').Trim() }
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented[$name] | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }

    It 'shows its examples with Get-Help -Examples' {
        $examples = Get-Help $Name -Examples
        @($examples.examples.example).Count | Should -BeGreaterOrEqual 2
        ($examples | Out-String) | Should -Match 'Example 1'
    }

    It 'declares its output type' {
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'uses an approved verb' {
        $command.Verb | Should -BeIn (Get-Verb).Verb
    }
}
